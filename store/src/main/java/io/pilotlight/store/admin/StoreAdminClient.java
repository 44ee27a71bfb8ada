package io.pilotlight.store.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.HttpAnswer;
import io.pilotlight.http.JsonHttp;
import io.pilotlight.store.ContentDigest;
import io.pilotlight.store.node.LostWrite;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.PromotionReport;
import io.pilotlight.store.node.SwitchoverReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store node's admin API, typed: the one place outside the node that knows its URL
 * paths and JSON fields. Every other module reaches a store node through this client, or, better,
 * through the engine seam ({@code io.pilotlight.engine.DataStoreEngine}) that the embedded engine implements with it.
 */
public final class StoreAdminClient {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonHttp HTTP = new JsonHttp(Duration.ofMillis(500), Duration.ofSeconds(10));
    private static final Duration STATUS_TIMEOUT = Duration.ofMillis(800);
    /**
     * Over TLS the first call also pays for the handshake, which in a fresh process (the CLI) on a busy
     * machine took over 3 s here (class loading and key set-up, at a load of 15 to 33 on 2 cores); later
     * calls reuse the connection. A node that does not answer at all still costs only the connect timeout.
     */
    private static final Duration TLS_STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;

    /** @param baseUrl the node's URL, e.g. http://127.0.1.1:7001 */
    public StoreAdminClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The node's status; empty when it does not answer (down, cut off, starting). */
    public Optional<NodeStatus> status() {
        try {
            return Optional.of(statusOrThrow());
        } catch (IOException unreachable) {
            return Optional.empty();
        }
    }

    /** The node's status, or why it could not be read. */
    public NodeStatus statusOrThrow() throws IOException {
        Reply reply = get("/status", baseUrl.startsWith("https:") ? TLS_STATUS_TIMEOUT : STATUS_TIMEOUT);
        if (reply.status() != 200) {
            throw new IOException(baseUrl + "/status answered HTTP " + reply.status());
        }
        return JSON.treeToValue(reply.body(), NodeStatus.class);
    }

    /** The node's content digest; empty when it serves none (an older version). */
    public Optional<ContentDigest> digest() throws IOException {
        Reply reply = get("/digest", Duration.ofSeconds(30));
        return reply.status() == 200 ? Optional.of(ContentDigest.fromJson(reply.body())) : Optional.empty();
    }

    /** The node's epoch history in its text form (one "epoch start" line each). */
    public String epochs() throws IOException {
        return get("/epochs", Duration.ofSeconds(5)).ok().text().trim();
    }

    /** Makes the node the writer once the old lease lapsed (waiting up to {@code wait}); refused when it would lose acknowledged writes. */
    public PromotionReport promote(Duration wait, boolean acceptDataLoss) throws IOException, WouldLoseWrites {
        String query = "/promote?wait_ms=" + wait.toMillis() + (acceptDataLoss ? "&accept_data_loss=true" : "");
        Reply reply = post(query, wait.plusSeconds(5));
        if (reply.status() == 409 && "would_lose_writes".equals(reply.body().path("error").asText())) {
            throw new WouldLoseWrites(reply.body().path("message").asText());
        }
        return reply.as(PromotionReport.class);
    }

    /** Asks this node, the writer, to hand over to {@code to} with RPO 0. */
    public SwitchoverReport switchover(String to, Duration timeout) throws IOException {
        return post("/switchover?to=" + encode(to), timeout).as(SwitchoverReport.class);
    }

    /** The node's lost-writes ledger. */
    public List<LostWrite> lostWrites() throws IOException {
        JsonNode entries = get("/lost-writes", Duration.ofSeconds(10)).ok().body();
        List<LostWrite> out = new ArrayList<>();
        for (JsonNode entry : entries) {
            out.add(JSON.treeToValue(entry, LostWrite.class));
        }
        return out;
    }

    /** The entries this node would roll back if a node with {@code epochs} ending at {@code last} became the writer. */
    public WouldLose wouldLose(String epochs, long last, int limit) throws IOException {
        JsonNode body = get("/would-lose?epochs=" + encode(epochs) + "&last=" + last + "&limit=" + limit, Duration.ofSeconds(5)).ok().body();
        List<WouldLose.Entry> entries = new ArrayList<>();
        body.path("entries").forEach(e -> entries.add(new WouldLose.Entry(e.path("key").asText(), e.path("index").asLong(),
                e.path("epoch").asLong())));
        return new WouldLose(body.path("region").asText(), body.path("last_index").asLong(), entries);
    }

    /** Takes a backup into {@code directory} (on the node's machine); returns where it went. */
    public Path backup(Path directory) throws IOException {
        return Path.of(post("/backup?dir=" + encode(directory.toString()), Duration.ofMinutes(5)).ok().body().path("backup").asText());
    }

    /** A key's value as this node serves it; empty when absent. */
    public Optional<String> get(String key) throws IOException {
        Reply reply = get("/kv/" + encode(key), Duration.ofSeconds(5));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        JsonNode value = reply.ok().body().path("value");
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Writes a key through this node (the writer); returns the write's epoch and version. */
    public Written put(String key, String value) throws IOException {
        JsonNode body = putRaw("/kv/" + encode(key), value.getBytes(StandardCharsets.UTF_8)).ok().body();
        return new Written(body.path("epoch").asLong(), body.path("version").asLong());
    }

    /** What {@code /would-lose} answered: the first {@code limit} entries past the divergence, and the node's last index. */
    public record WouldLose(String region, long lastIndex, List<Entry> entries) {
        public record Entry(String key, long index, long epoch) {
        }
    }

    /** A write's place: its epoch and the key's new version (the log index). */
    public record Written(long epoch, long version) {
    }

    /** The node refused a promotion: another node may hold acknowledged writes it lacks (sync mode). */
    public static final class WouldLoseWrites extends Exception {
        public WouldLoseWrites(String message) {
            super(message);
        }
    }

    private Reply get(String path, Duration timeout) throws IOException {
        return call("GET", path, timeout);
    }

    private Reply post(String path, Duration timeout) throws IOException {
        return call("POST", path, timeout);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reply call(String method, String path, Duration timeout) throws IOException {
        try {
            return reply(HTTP.send(method, URI.create(baseUrl + path), null, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl + path, e);
        }
    }

    private Reply putRaw(String path, byte[] value) throws IOException {
        try {
            return reply(HTTP.sendBytes("PUT", URI.create(baseUrl + path), value, "application/octet-stream", Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + baseUrl + path, e);
        }
    }

    private static Reply reply(HttpAnswer answer) throws IOException {
        JsonNode body;
        try {
            body = answer.body().length == 0 ? JSON.nullNode() : JSON.readTree(answer.body());
        } catch (IOException notJson) {
            body = JSON.getNodeFactory().textNode(answer.text()); // /epochs answers text
        }
        return new Reply(answer.uri().toString(), answer.status(), body, answer.text());
    }

    private record Reply(String uri, int status, JsonNode body, String text) {
        Reply ok() throws IOException {
            if (status != 200) {
                throw new IOException(uri + " refused (HTTP " + status + "): " + body.path("message").asText(body.path("error").asText()));
            }
            return this;
        }

        <T> T as(Class<T> type) throws IOException {
            return JSON.treeToValue(ok().body(), type);
        }
    }
}
