package io.pilotlight.store.node;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreException;
import io.pilotlight.store.VersionMismatchException;
import io.pilotlight.store.log.LogCodec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * The node's HTTP/JSON API: {@code /kv/KEY} (PUT, GET, DELETE; {@code ?if_version=N} for a
 * conditional put), {@code /kv?from=&to=&limit=} (range scan), {@code /status}, {@code /lost-writes},
 * {@code /promote}, {@code /switchover?to=}, and for replicas {@code /log} (the replication stream),
 * {@code /log-ack} (durable position) and {@code /epochs}.
 */
public final class StoreHttpApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAM_BATCH = 2_000;
    /** An idle stream still sends a frame this often, so a replica can tell a quiet writer from a dead link. */
    static final long HEARTBEAT_MILLIS = 250;
    private final HttpServer http;
    private final StoreNode node;

    static {
        // Small JSON answers must not wait for Nagle's algorithm and the peer's delayed ACK (up to 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public StoreHttpApi(InetSocketAddress listen, StoreNode node) throws IOException {
        this.node = node;
        this.http = HttpServer.create(listen, 256);
        http.createContext("/kv", this::kv);
        http.createContext("/log", this::log);
        http.createContext("/log-ack", this::logAck);
        http.createContext("/epochs", ex -> send(ex, 200, "text/plain", node.epochs().getBytes(StandardCharsets.UTF_8)));
        http.createContext("/status", ex -> json(ex, 200, node.status()));
        http.createContext("/lost-writes", ex -> json(ex, 200, node.lostWrites()));
        http.createContext("/promote", this::promote);
        http.createContext("/switchover", this::switchover);
        http.createContext("/backup", this::backup);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void kv(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange);
            if (path.equals("/kv") || path.equals("/kv/")) {
                scan(exchange, query);
                return;
            }
            String key = URLDecoder.decode(path.substring("/kv/".length()), StandardCharsets.UTF_8);
            switch (exchange.getRequestMethod()) {
                case "GET" -> get(exchange, key);
                case "PUT", "POST" -> write(exchange, key, exchange.getRequestBody().readAllBytes(), query.get("if_version"));
                case "DELETE" -> write(exchange, key, null, query.get("if_version"));
                default -> json(exchange, 405, Map.of("error", "use GET, PUT or DELETE"));
            }
        } catch (IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", "bad_request", "message", e.getMessage()));
        }
    }

    private void get(HttpExchange exchange, String key) throws IOException {
        ReadResult read = node.read(key);
        // built by hand, like the write acknowledgement: point reads are the other hot path
        StringBuilder body = new StringBuilder(96 + (read.value() == null ? 0 : read.value().length + read.value().length / 8));
        body.append("{\"key\":").append(quoted(key)).append(",\"found\":").append(read.value() != null)
                .append(",\"value\":").append(read.value() == null ? "null" : quoted(new String(read.value(), StandardCharsets.UTF_8)))
                .append(",\"version\":").append(read.version()).append(",\"epoch\":").append(read.epoch())
                .append(",\"commit_time\":").append(read.commitTime()).append(",\"served_by\":").append(quoted(read.servedBy().name()))
                .append(",\"staleness\":{\"entries\":").append(read.lagEntries()).append(",\"millis\":").append(read.lagMillis()).append("}}");
        send(exchange, read.value() == null ? 404 : 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private void write(HttpExchange exchange, String key, byte[] value, String ifVersion) throws IOException {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the key is empty; use /kv/KEY");
        }
        Long expected = ifVersion == null ? null : Long.parseLong(ifVersion);
        try {
            WriteResult result = node.write(key, value, expected).get();
            // built by hand: the acknowledgement is on every write's path, and a generic serializer costs more than the rest of the answer
            String body = "{\"key\":" + quoted(key) + ",\"version\":" + result.version()
                    + ",\"epoch\":" + result.epoch() + ",\"ack_time\":" + result.ackTime() + "}";
            send(exchange, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        } catch (ExecutionException failed) {
            error(exchange, failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(exchange, 503, Map.of("error", "interrupted"));
        }
    }

    private void scan(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit " + limit + " is out of range; allowed: 1 to 100000");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (var entry : node.scan(query.get("from"), query.get("to"), limit)) {
            items.add(Map.of("key", entry.getKey(), "value", new String(entry.getValue().value(), StandardCharsets.UTF_8),
                    "version", entry.getValue().version()));
        }
        json(exchange, 200, Map.of("items", items, "served_by", node.role()));
    }

    /**
     * The replication stream: one long response (chunked) carrying frames of log entries from
     * {@code from} as they are committed, and a heartbeat frame when idle, until this node stops
     * being the writer of the stream's epoch or the replica goes away.
     */
    private void log(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange);
        long from;
        String replica = q.getOrDefault("region", "?");
        long streamEpoch;
        try {
            from = Long.parseLong(q.get("from"));
            streamEpoch = node.openLogStream(replica, Long.parseLong(q.getOrDefault("epoch", "0")),
                    Long.parseLong(q.getOrDefault("durable", "0")));
        } catch (NotWriterException e) {
            error(exchange, e);
            return;
        } catch (RuntimeException e) {
            json(exchange, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
            return;
        }
        exchange.getResponseHeaders().set("X-Epoch", Long.toString(streamEpoch));
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024))) {
            while (true) {
                List<byte[]> entries = node.logSince(from, STREAM_BATCH, HEARTBEAT_MILLIS, streamEpoch);
                LogCodec.writeFrame(out, streamEpoch, Math.max(node.store().lastIndex(), from + entries.size() - 1), entries);
                out.flush();
                from += entries.size();
            }
        } catch (NotWriterException | IOException ended) {
            // deposed, stepped down, or the replica disconnected: the replica reconnects (to whoever is the writer)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A replica reports the log index it has made durable (and the newest epoch it has seen). */
    private void logAck(HttpExchange exchange) throws IOException {
        Map<String, String> q = query(exchange);
        try {
            node.replicaProgress(q.getOrDefault("region", "?"), Long.parseLong(q.getOrDefault("epoch", "0")),
                    Long.parseLong(q.getOrDefault("durable", "0")));
            send(exchange, 204, "text/plain", new byte[0]);
        } catch (NotWriterException e) {
            error(exchange, e);
        } catch (RuntimeException e) {
            json(exchange, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
        }
    }

    private void promote(HttpExchange exchange) throws IOException {
        long wait = Long.parseLong(query(exchange).getOrDefault("wait_ms", "0"));
        try {
            json(exchange, 200, node.promote(Duration.ofMillis(wait)));
        } catch (StoreException e) {
            error(exchange, e);
        }
    }

    private void switchover(HttpExchange exchange) throws IOException {
        String to = query(exchange).get("to");
        try {
            json(exchange, 200, node.switchover(to, Duration.ofSeconds(10)));
        } catch (StoreException | IllegalArgumentException e) {
            error(exchange, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void backup(HttpExchange exchange) throws IOException {
        String dir = query(exchange).get("dir");
        if (!"POST".equals(exchange.getRequestMethod()) || dir == null) {
            json(exchange, 400, Map.of("error", "bad_request", "message", "POST /backup?dir=BACKUP_DIRECTORY"));
            return;
        }
        try {
            java.nio.file.Path taken = Backups.take(node, java.nio.file.Path.of(dir), System.currentTimeMillis());
            json(exchange, 200, Map.of("backup", taken.toString(), "last_index", node.status().lastIndex()));
        } catch (RuntimeException e) {
            json(exchange, 503, Map.of("error", "unavailable", "message", String.valueOf(e.getMessage())));
        }
    }

    private static void error(HttpExchange exchange, Throwable cause) throws IOException {
        if (cause instanceof NotWriterException notWriter) {
            Map<String, Object> body = new HashMap<>();
            body.put("error", "not_writer");
            body.put("writer_region", notWriter.writerRegion());
            body.put("message", notWriter.getMessage());
            json(exchange, 421, body);
        } else if (cause instanceof VersionMismatchException mismatch) {
            json(exchange, 409, Map.of("error", "version_mismatch", "current_version", mismatch.currentVersion(), "message", mismatch.getMessage()));
        } else if (cause instanceof IllegalArgumentException bad) {
            json(exchange, 400, Map.of("error", "bad_request", "message", String.valueOf(bad.getMessage())));
        } else {
            json(exchange, 503, Map.of("error", "unavailable", "message", String.valueOf(cause.getMessage())));
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
