package io.pilotlight.store.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.StoreException;
import java.net.URI;
import java.net.http.HttpClient;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.tls.ClientTls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks the other nodes over HTTP: how far their logs go, and to promote themselves. */
final class PeerProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String region;
    private final PeerBook book;
    private final HttpClient http = ClientTls.configure(HttpClient.newBuilder(), Duration.ofMillis(300)).build();

    PeerProbe(String region, PeerBook book) {
        this.region = region;
        this.book = book;
    }

    /**
     * Every other node's log position and whether it can promote itself, asked in parallel; a node
     * that does not answer within 300 ms is listed without a position.
     */
    List<NodeDecision.PeerView> positions() {
        Map<String, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        for (Map.Entry<String, String> peer : book.all().entrySet()) {
            if (!peer.getKey().equals(region)) {
                asked.put(peer.getKey(), http.sendAsync(ClientToken.sign(HttpRequest.newBuilder(URI.create(peer.getValue() + "/status")))
                        .timeout(Duration.ofMillis(300)).GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
        List<NodeDecision.PeerView> views = new ArrayList<>();
        asked.forEach((peer, answer) -> {
            try {
                HttpResponse<String> response = answer.get(400, TimeUnit.MILLISECONDS);
                JsonNode status = JSON.readTree(response.body());
                if (response.statusCode() != 200 || !status.has("lastEpoch")) {
                    throw new IllegalStateException("no status");
                }
                views.add(new NodeDecision.PeerView(peer, new LogPosition(status.path("lastEpoch").asLong(), status.path("lastIndex").asLong()),
                        status.path("promotable").asBoolean()));
            } catch (Exception unreachable) {
                answer.cancel(true);
                views.add(new NodeDecision.PeerView(peer, null, false)); // cannot be promoted, and cannot vouch for anything
            }
        });
        return views;
    }

    PromotionReport promote(String target) {
        try {
            HttpResponse<String> response = http.send(ClientToken.sign(HttpRequest.newBuilder(URI.create(book.url(target) + "/promote?wait_ms=5000")))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StoreException("promoting " + target + " failed: HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readValue(response.body(), PromotionReport.class);
        } catch (java.io.IOException | InterruptedException e) {
            throw new StoreException("promoting " + target + " failed: " + e.getMessage());
        }
    }
}
