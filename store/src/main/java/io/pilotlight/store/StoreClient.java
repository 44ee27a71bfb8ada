package io.pilotlight.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.UriText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.tls.ClientTls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small Java client for store nodes. Writes go to the writer: on a node that is not the writer
 * the client follows the region the error names, once.
 */
public final class StoreClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any commit wait (guard, sync replica), shorter than a person's patience with a paused node. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);
    private final HttpClient http = ClientTls.configure(HttpClient.newBuilder(), Duration.ofSeconds(2)).build();
    private final Map<String, String> nodes;
    private volatile String writer;

    /** A put or delete that was acknowledged. */
    public record Ack(String key, long version, long epoch, long ackTime) {
    }

    /** A read, with how stale the serving node says it is. */
    public record Read(String key, boolean found, String value, long version, String servedBy, long lagEntries, long lagMillis) {
    }

    /** @param nodes base URL by region, e.g. {@code us-east-1 -> http://127.0.1.1:7001} */
    public StoreClient(Map<String, String> nodes, String writerGuess) {
        this.nodes = Map.copyOf(nodes);
        this.writer = writerGuess;
    }

    public Ack put(String key, String value) throws IOException, InterruptedException {
        return write("PUT", key, value, null);
    }

    public Ack putIfVersion(String key, String value, long version) throws IOException, InterruptedException {
        return write("PUT", key, value, version);
    }

    public Ack delete(String key) throws IOException, InterruptedException {
        return write("DELETE", key, null, null);
    }

    private Ack write(String method, String key, String value, Long ifVersion) throws IOException, InterruptedException {
        java.util.List<String> regions = java.util.List.copyOf(nodes.keySet());
        IOException unreachable = null;
        for (int attempt = 0; attempt < 2 * regions.size(); attempt++) {
            String url = nodes.get(writer) + "/kv/" + UriText.encode(key)
                    + (ifVersion == null ? "" : "?if_version=" + ifVersion);
            HttpRequest.BodyPublisher body = value == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(value, StandardCharsets.UTF_8);
            HttpResponse<String> response;
            try {
                response = http.send(ClientToken.sign(HttpRequest.newBuilder(URI.create(url))).timeout(REQUEST_TIMEOUT)
                        .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException down) {
                unreachable = down; // down or paused: ask the next node who the writer is
                writer = regions.get((regions.indexOf(writer) + 1) % regions.size());
                continue;
            }
            JsonNode json = JSON.readTree(response.body());
            switch (response.statusCode()) {
                case 200 -> {
                    return new Ack(key, json.path("version").asLong(), json.path("epoch").asLong(), json.path("ack_time").asLong());
                }
                case 421 -> {
                    String named = json.path("writer_region").isNull() ? null : json.path("writer_region").asText(null);
                    if (named == null || named.equals(writer) || !nodes.containsKey(named) || attempt >= regions.size()) {
                        throw new NotWriterException(named, json.path("message").asText());
                    }
                    writer = named;
                }
                case 409 -> throw new VersionMismatchException(json.path("current_version").asLong(), ifVersion == null ? -1 : ifVersion);
                default -> throw new StoreException(json.path("message").asText("HTTP " + response.statusCode()));
            }
        }
        if (unreachable != null) {
            throw unreachable;
        }
        throw new StoreException("no writer found among " + regions);
    }

    public Read get(String region, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(ClientToken.sign(HttpRequest.newBuilder(URI.create(nodes.get(region) + "/kv/"
                + UriText.encode(key)))).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        return new Read(key, json.path("found").asBoolean(), json.path("value").isNull() ? null : json.path("value").asText(),
                json.path("version").asLong(), json.path("served_by").asText(), json.path("staleness").path("entries").asLong(),
                json.path("staleness").path("millis").asLong());
    }

    public String writer() {
        return writer;
    }

    public void writer(String region) {
        this.writer = region;
    }
}
