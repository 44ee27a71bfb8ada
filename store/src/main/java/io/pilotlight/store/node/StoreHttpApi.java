package io.pilotlight.store.node;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreException;
import io.pilotlight.store.VersionMismatchException;
import io.pilotlight.http.ByteRange;
import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpFront.Mode;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.UriText;
import io.pilotlight.http.auth.Access;
import io.pilotlight.http.auth.AccessPolicy;
import io.pilotlight.http.auth.RegionClaim;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.ServerAuth;
import java.nio.file.Path;
import java.util.Set;
import io.pilotlight.store.log.LogCodec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The node's HTTP/JSON API: {@code /kv/KEY} (PUT, GET, DELETE; {@code ?if_version=N} for a
 * conditional put), {@code /kv?from=&to=&limit=} (range scan), {@code /status}, {@code /lost-writes},
 * {@code /promote}, {@code /switchover?to=}, {@code /digest} (the data's content by key range), and for replicas {@code /log} (the replication stream),
 * {@code /log-ack} (durable position) and {@code /epochs}. Point reads and writes are answered on
 * the event loop (a write when its group commit is done); everything that may wait runs on a thread of its own.
 */
public final class StoreHttpApi implements AutoCloseable {
    /**
     * The longest key, in bytes of UTF-8, for writes, reads and deletes. 4,096 is what the request
     * line limit let through before it was a rule, so no key ever written becomes unreachable.
     */
    public static final int MAX_KEY_BYTES = 4096;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAM_BATCH = 2_000;
    /** The longest {@code /promote?wait_ms=} (10 minutes): far above any lease, and a bound on how long one call holds the node's monitor. */
    static final long MAX_PROMOTE_WAIT_MILLIS = 600_000;
    /** An idle stream still sends a frame this often, so a replica can tell a quiet writer from a dead link. */
    static final long HEARTBEAT_MILLIS = 250;
    private final HttpFront http;
    private final StoreNode node;

    /**
     * Who may call what (see docs/security.md): data is open unless the node requires a token for
     * it; the replication stream and durability reports are for agents, each for its own region;
     * {@code /promote} also for an agent (a node with {@code --auto-failover} asks its most
     * up-to-date peer to promote itself); switchover, backups and re-pointing peers for operators.
     */
    static final AccessPolicy ACCESS = AccessPolicy.builder()
            .route("/kv", Access.DATA)
            .route("/log", Access.agent(RegionClaim.query("region")))
            .route("/log-ack", Access.agent(RegionClaim.query("region")))
            .route("/promote", Access.of(RegionClaim.NONE, Role.OPERATOR, Role.AGENT))
            .route("/switchover", Access.ACT)
            .route("/backup", Access.ACT)
            .route("/peers", Set.of("GET", "HEAD"), Access.READ)
            .route("/peers", Access.ACT)
            .build();
    private final Path backupRoot;

    public StoreHttpApi(InetSocketAddress listen, StoreNode node) throws IOException {
        this(listen, node, ServerAuth.NONE, null);
    }

    /**
     * @param backupRoot where {@code POST /backup?dir=} may write (the node's {@code --backup-dir}); null: anywhere
     *                   when the node has no tokens, nowhere when it has (a protected node needs a root to take backups)
     */
    public StoreHttpApi(InetSocketAddress listen, StoreNode node, ServerAuth auth, Path backupRoot) throws IOException {
        this.node = node;
        this.backupRoot = backupRoot == null && auth.enabled() ? BackupRoot.NONE : backupRoot;
        this.http = auth.install(HttpFront.builder(), "store node " + node.region(), listen, ACCESS).name("store-http")
                .route("/kv", Mode.INLINE, this::kv)
                .route("/log", Mode.STREAM, this::log)
                .route("/log-ack", Mode.INLINE, this::logAck)
                .route("/epochs", Mode.BLOCKING, (call, reply) -> reply.send(200, "text/plain", node.epochs().getBytes(StandardCharsets.UTF_8)))
                .route("/status", Mode.BLOCKING, (call, reply) -> json(reply, 200, node.status()))
                .route("/lost-writes", Mode.BLOCKING, (call, reply) -> json(reply, 200, node.lostWrites()))
                .route("/promote", Mode.BLOCKING, this::promote)
                .route("/switchover", Mode.BLOCKING, this::switchover)
                .route("/backup", Mode.BLOCKING, this::backup)
                .route("/peers", Mode.BLOCKING, this::peers)
                .route("/would-lose", Mode.BLOCKING, this::wouldLose)
                .route("/digest", Mode.BLOCKING, (call, reply) -> json(reply, 200, node.store().digest(node.region()).toJson()))
                .listen(listen);
    }

    public InetSocketAddress address() {
        return http.address();
    }

    private void kv(HttpCall call, HttpReply reply) throws IOException {
        String path = call.rawPath();
        if (path.equals("/kv") || path.equals("/kv/")) {
            reply.offload(call, this::scan); // a scan may read many keys: off the event loop
            return;
        }
        String key = key(path.substring("/kv/".length()));
        switch (call.method()) {
            case "GET" -> {
                if ("raw".equals(call.param("format", "json"))) {
                    getRaw(call, reply, key);
                } else {
                    get(reply, key);
                }
            }
            case "PUT", "POST" -> write(reply, key, call.body(), ifVersion(call));
            case "DELETE" -> write(reply, key, null, ifVersion(call));
            default -> json(reply, 405, Map.of("error", "use GET, PUT or DELETE"));
        }
    }

    /**
     * The key a path names: exactly the bytes after percent-decoding ({@code +} is a plus), which
     * must be UTF-8 and at most {@link #MAX_KEY_BYTES}; nothing is replaced or trimmed.
     */
    static String key(String rawKey) {
        String key = UriText.decodePath(rawKey, "key", "keys are UTF-8 strings");
        if (key.length() > MAX_KEY_BYTES / 3) { // fewer chars cannot be more bytes: no encoding on the usual path
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("key is " + bytes + " bytes; the limit is " + MAX_KEY_BYTES + " bytes (of UTF-8)");
            }
        }
        return key;
    }

    private void get(HttpReply reply, String key) {
        ReadResult read = node.read(key);
        // built by hand, like the write acknowledgement: point reads are the other hot path
        StringBuilder body = new StringBuilder(96 + (read.value() == null ? 0 : read.value().length + read.value().length / 8));
        body.append("{\"key\":").append(quoted(key)).append(",\"found\":").append(read.value() != null)
                .append(",\"value\":").append(read.value() == null ? "null" : quoted(new String(read.value(), StandardCharsets.UTF_8)))
                .append(",\"version\":").append(read.version()).append(",\"epoch\":").append(read.epoch())
                .append(",\"commit_time\":").append(read.commitTime()).append(",\"served_by\":").append(quoted(read.servedBy().name()))
                .append(",\"staleness\":{\"entries\":").append(read.lagEntries()).append(",\"millis\":").append(read.lagMillis()).append("}}");
        reply.send(read.value() == null ? 404 : 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code GET /kv/KEY?format=raw}: the value's bytes as the body (binary-safe), the metadata in
     * headers, and one {@code Range: bytes=…} honoured (206), so a reader that needs only a
     * prefix or only the version does not move the whole value.
     */
    private void getRaw(HttpCall call, HttpReply reply, String key) {
        ReadResult read = node.read(key);
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Served-By", read.servedBy().name());
        headers.put("X-Staleness-Entries", Long.toString(read.lagEntries()));
        headers.put("X-Staleness-Millis", Long.toString(read.lagMillis()));
        if (read.value() == null) {
            reply.send(404, "application/octet-stream", headers, new byte[0]);
            return;
        }
        headers.put("X-Version", Long.toString(read.version()));
        headers.put("X-Epoch", Long.toString(read.epoch()));
        headers.put("X-Commit-Time", Long.toString(read.commitTime()));
        headers.put("Accept-Ranges", "bytes");
        ByteRange range = ByteRange.resolve(call.header("Range"), read.value().length);
        switch (range.kind()) {
            case WHOLE -> reply.send(200, "application/octet-stream", headers, read.value());
            case PART -> {
                headers.put("Content-Range", range.contentRange());
                reply.send(206, "application/octet-stream", headers,
                        java.util.Arrays.copyOfRange(read.value(), range.start(), range.endInclusive() + 1));
            }
            case UNSATISFIABLE -> {
                headers.put("Content-Range", range.contentRange());
                reply.send(416, "application/octet-stream", headers, new byte[0]);
            }
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** {@code ?if_version=N}: null when absent (an unconditional write). */
    private static Long ifVersion(HttpCall call) {
        long version = call.longParam("if_version", -1);
        if (call.query().containsKey("if_version") && version < 0) {
            throw new IllegalArgumentException("query parameter \"if_version\" is " + version + "; allowed: 0 (must not exist) or a version, 1 or more");
        }
        return version < 0 ? null : version;
    }

    /**
     * Answers when the write's group commit is done; the event loop does not wait, and the answer is
     * built back on the event loop so the group-commit thread only hands it over.
     */
    private void write(HttpReply reply, String key, byte[] value, Long expected) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the key is empty; use /kv/KEY");
        }
        node.write(key, value, expected).whenCompleteAsync((result, failed) -> {
            if (failed != null) {
                error(reply, failed);
                return;
            }
            // built by hand: the acknowledgement is on every write's path, and a generic serializer costs more than the rest of the answer
            String body = "{\"key\":" + quoted(key) + ",\"version\":" + result.version()
                    + ",\"epoch\":" + result.epoch() + ",\"ack_time\":" + result.ackTime() + "}";
            reply.send(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }, reply.executor());
    }

    private void scan(HttpCall call, HttpReply reply) {
        try {
            long limit = call.longParam("limit", 1000);
            if (limit < 1 || limit > 100_000) {
                throw new IllegalArgumentException("limit " + limit + " is out of range; allowed: 1 to 100000");
            }
            List<Map<String, Object>> items = new ArrayList<>();
            for (var entry : node.scan(call.query().get("from"), call.query().get("to"), (int) limit)) {
                items.add(Map.of("key", entry.getKey(), "value", new String(entry.getValue().value(), StandardCharsets.UTF_8),
                        "version", entry.getValue().version()));
            }
            json(reply, 200, Map.of("items", items, "served_by", node.role()));
        } catch (IllegalArgumentException e) {
            json(reply, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            json(reply, 503, Map.of("error", "unavailable", "message", String.valueOf(e.getMessage())));
        }
    }

    /**
     * The replication stream: one long response (chunked) carrying frames of log entries from
     * {@code from} as they are committed, and a heartbeat frame when idle, until this node stops
     * being the writer of the stream's epoch or the replica goes away. A {@link Mode#STREAM} route:
     * it waits for every group commit.
     */
    private void log(HttpCall call, HttpReply reply) {
        long from;
        long streamEpoch;
        try {
            from = call.longParam("from", -1);
            if (from < 1) {
                throw new IllegalArgumentException("query parameter \"from\" is " + (from == -1 ? "missing" : from) + "; allowed: a log index, 1 or more");
            }
            streamEpoch = node.openLogStream(call.param("region", "?"), call.longParam("epoch", 0),
                    call.longParam("durable", 0));
        } catch (NotWriterException e) {
            error(reply, e);
            return;
        } catch (RuntimeException e) {
            json(reply, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
            return;
        }
        try (DataOutputStream out = new DataOutputStream(reply.stream(200, "application/octet-stream",
                Map.of("X-Epoch", Long.toString(streamEpoch))))) {
            while (true) {
                List<byte[]> entries = node.logSince(from, STREAM_BATCH, HEARTBEAT_MILLIS, streamEpoch);
                LogCodec.writeFrame(out, streamEpoch, Math.max(node.store().lastIndex(), from + entries.size() - 1), entries);
                out.flush();
                from += entries.size();
            }
        } catch (RuntimeException | IOException ended) {
            // deposed, stepped down, a store error, or the replica disconnected: the replica reconnects (to whoever is the writer)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A replica reports the log index it has made durable (and the newest epoch it has seen).
     * Answered on the event loop, unless the replica knows a newer epoch: stepping down may wait.
     */
    private void logAck(HttpCall call, HttpReply reply) {
        if (call.longParam("epoch", 0) > node.knownEpoch()) {
            reply.offload(call, this::recordAck);
        } else {
            recordAck(call, reply);
        }
    }

    private void recordAck(HttpCall call, HttpReply reply) {
        try {
            node.replicaProgress(call.param("region", "?"), call.longParam("epoch", 0),
                    call.longParam("durable", 0));
            reply.send(204, "text/plain", new byte[0]);
        } catch (NotWriterException e) {
            error(reply, e);
        } catch (RuntimeException e) {
            json(reply, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
        }
    }

    /**
     * {@code GET /would-lose?epochs=HISTORY&last=N&limit=M}: the entries this node would roll back if
     * the node with that epoch history and last index were promoted now (what a forced failover costs here).
     */
    private void wouldLose(HttpCall call, HttpReply reply) {
        EpochHistory history;
        try {
            history = EpochHistory.parse(call.param("epochs", ""));
        } catch (RuntimeException bad) {
            json(reply, 400, Map.of("error", "bad_request", "message", "epochs: " + bad.getMessage()));
            return;
        }
        long last = call.longParam("last", -1);
        long limit = call.longParam("limit", 1000);
        if (last < 0 || limit < 1 || limit > 100_000) {
            json(reply, 400, Map.of("error", "bad_request", "message",
                    "last (the candidate's last index, 0 or more) is required; limit is 1 to 100000"));
            return;
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (var entry : node.wouldLoseTo(history, last, (int) limit)) {
            Map<String, Object> item = new HashMap<>();
            item.put("key", entry.key());
            item.put("index", entry.index());
            item.put("epoch", entry.epoch());
            item.put("commit_time", entry.commitTime());
            item.put("delete", entry.isDelete());
            entries.add(item);
        }
        json(reply, 200, Map.of("region", node.region(), "last_index", node.status().lastIndex(), "entries", entries));
    }

    private void promote(HttpCall call, HttpReply reply) {
        long wait = call.longParam("wait_ms", 0);
        if (wait < 0 || wait > MAX_PROMOTE_WAIT_MILLIS) {
            throw new IllegalArgumentException("query parameter \"wait_ms\" is " + wait + "; allowed: 0 to " + MAX_PROMOTE_WAIT_MILLIS
                    + " (milliseconds to wait for the old lease)");
        }
        String accept = call.param("accept_data_loss", "false");
        if (!accept.equals("true") && !accept.equals("false")) {
            json(reply, 400, Map.of("error", "bad_request", "message", "accept_data_loss \"" + accept + "\" is not allowed; use true or false"));
            return;
        }
        boolean acceptDataLoss = accept.equals("true");
        try {
            json(reply, 200, node.promote(Duration.ofMillis(wait), acceptDataLoss));
        } catch (PromotionRefusedException e) {
            json(reply, 409, Map.of("error", "would_lose_writes", "message", String.valueOf(e.getMessage())));
        } catch (StoreException e) {
            error(reply, e);
        }
    }

    private void switchover(HttpCall call, HttpReply reply) {
        String to = call.query().get("to");
        if (to == null || to.isBlank()) {
            TreeSet<String> others = new TreeSet<>(node.peers().keySet());
            others.remove(node.region());
            throw new IllegalArgumentException("query parameter \"to\" is " + (to == null ? "missing" : "empty")
                    + "; use POST /switchover?to=REGION, REGION one of " + others);
        }
        try {
            json(reply, 200, node.switchover(to, Duration.ofSeconds(10)));
        } catch (StoreException | IllegalArgumentException e) {
            error(reply, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(reply, 503, Map.of("error", "interrupted"));
        }
    }

    /** {@code GET /peers}: where each region is reached; {@code POST /peers?region=R&url=http://HOST:PORT} re-points one. */
    private void peers(HttpCall call, HttpReply reply) {
        if ("POST".equals(call.method())) {
            json(reply, 200, Map.of("peers", node.repoint(call.query().get("region"), call.query().get("url"))));
        } else {
            json(reply, 200, Map.of("peers", node.peers()));
        }
    }

    private void backup(HttpCall call, HttpReply reply) {
        String dir = call.query().get("dir");
        if (!"POST".equals(call.method()) || dir == null) {
            json(reply, 400, Map.of("error", "bad_request", "message", "POST /backup?dir=BACKUP_DIRECTORY"));
            return;
        }
        java.nio.file.Path target;
        try {
            target = backupRoot == null ? java.nio.file.Path.of(dir) : BackupRoot.within(backupRoot, dir);
        } catch (java.nio.file.InvalidPathException bad) {
            throw new IllegalArgumentException("query parameter \"dir\" is not a path: " + bad.getMessage());
        }
        try {
            java.nio.file.Path taken = Backups.take(node, target, System.currentTimeMillis());
            json(reply, 200, Map.of("backup", taken.toString(), "last_index", node.status().lastIndex()));
        } catch (RuntimeException e) {
            json(reply, 503, Map.of("error", "unavailable", "message", String.valueOf(e.getMessage())));
        }
    }

    private static void error(HttpReply reply, Throwable cause) {
        if (cause instanceof NotWriterException notWriter) {
            Map<String, Object> body = new HashMap<>();
            body.put("error", "not_writer");
            body.put("writer_region", notWriter.writerRegion());
            body.put("message", notWriter.getMessage());
            json(reply, 421, body);
        } else if (cause instanceof VersionMismatchException mismatch) {
            json(reply, 409, Map.of("error", "version_mismatch", "current_version", mismatch.currentVersion(), "message", mismatch.getMessage()));
        } else if (cause instanceof IllegalArgumentException bad) {
            json(reply, 400, Map.of("error", "bad_request", "message", String.valueOf(bad.getMessage())));
        } else {
            json(reply, 503, Map.of("error", "unavailable", "message", String.valueOf(cause.getMessage())));
        }
    }

    static void json(HttpReply reply, int status, Object body) {
        try {
            reply.send(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            reply.send(500, "application/json", ("{\"error\":\"internal\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
