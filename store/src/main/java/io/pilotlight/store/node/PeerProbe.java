package io.pilotlight.store.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.StoreException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Asks the other nodes over HTTP: how far their logs go, and to promote themselves. */
final class PeerProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String region;
    private final PeerBook book;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

    PeerProbe(String region, PeerBook book) {
        this.region = region;
        this.book = book;
    }

    /** True when no reachable peer has a longer log (ties go to the smaller region name). */
    boolean mostUpToDate(long myLastIndex) {
        for (Map.Entry<String, String> peer : book.all().entrySet()) {
            if (peer.getKey().equals(region)) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(peer.getValue() + "/status"))
                        .timeout(Duration.ofMillis(300)).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode status = JSON.readTree(response.body());
                long theirs = status.path("lastIndex").asLong();
                if (theirs > myLastIndex || (theirs == myLastIndex && peer.getKey().compareTo(region) < 0)) {
                    return false;
                }
            } catch (Exception unreachable) {
                // an unreachable peer cannot be promoted: it does not count
            }
        }
        return true;
    }

    PromotionReport promote(String target) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(book.url(target) + "/promote?wait_ms=5000"))
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
