package io.pilotlight.agent.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.health.HealthStatus;
import java.io.IOException;
import java.util.Locale;

/** One vantage point's threshold state of one check, as stored in etcd: {@code {"status": "unhealthy", "reason": "..."}}. */
record VantageReport(HealthStatus status, String reason) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status.name().toLowerCase(Locale.ROOT));
        node.put("reason", reason);
        return node.toString();
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static VantageReport parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        String status = node.path("status").asText("");
        try {
            return new VantageReport(HealthStatus.valueOf(status.toUpperCase(Locale.ROOT)), node.path("reason").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status \"" + status + "\"; allowed: healthy, unhealthy, unknown", e);
        }
    }
}
