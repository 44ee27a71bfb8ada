package io.pilotlight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.topology.HealthCheck;
import java.util.Map;

/**
 * Whether every health check has left its initial state: each vantage point of each check (the
 * DNS server's {@code /health} details) has a run of identical results as long as the check's
 * threshold. Before that a check still shows its configured initial state, e.g. "healthy" for a
 * standby with no instances, and DNS may answer it for an instant.
 */
final class HealthSettled {
    private HealthSettled() {
    }

    static boolean of(JsonNode details, Map<String, HealthCheck> declared) {
        for (JsonNode check : details) {
            HealthCheck config = declared.get(check.path("name").asText());
            int threshold = config == null ? 1 : config.failureThreshold();
            for (JsonNode vantage : check.path("vantages")) {
                if (vantage.path("consecutiveSuccesses").asInt() < threshold && vantage.path("consecutiveFailures").asInt() < threshold) {
                    return false;
                }
            }
        }
        return true;
    }
}
