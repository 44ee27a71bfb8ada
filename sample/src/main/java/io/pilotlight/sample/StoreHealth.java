package io.pilotlight.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * The deep part of {@code /healthz}: can this instance's region still serve writes? Its store node
 * must answer, and be a writer holding its lease or a replica that heard from a writer recently.
 * A region cut off from the others (its writer's lease lapsed, its replica hears nobody) thus
 * fails its health check, and the failover routing moves clients away from it.
 */
final class StoreHealth {
    /** A replica that has not heard from a writer for this long cannot have its writes forwarded either. */
    static final Duration REPLICA_SILENCE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final String statusUrl;
    private final Clock clock;

    StoreHealth(String storeUrl, Clock clock) {
        this.statusUrl = storeUrl + "/status";
        this.clock = clock;
    }

    /** Null when healthy, else why not. */
    String problem() {
        JsonNode status;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).timeout(Duration.ofMillis(800)).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = JSON.readTree(response.body());
        } catch (Exception e) {
            return "the region's store node does not answer (" + e.getClass().getSimpleName() + ")";
        }
        return judge(status, clock.millis());
    }

    static String judge(JsonNode status, long nowMillis) {
        String role = status.path("role").asText();
        if (role.equals("WRITER")) {
            return status.path("leaseValid").asBoolean() ? null : "the region's writer has lost its lease";
        }
        long silence = nowMillis - status.path("lastContactMillis").asLong();
        return silence <= REPLICA_SILENCE.toMillis() ? null
                : "the region's replica has not heard from a writer for " + Math.min(silence, 99_999_000) / 1000 + "s";
    }
}
