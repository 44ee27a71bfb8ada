package io.pilotlight.orchestrator.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every controller must agree on across restarts and leaders: the region now serving, and when
 * it last failed over. On disk for one controller ({@link ControllerState}); in etcd for agents.
 */
public interface PrimaryRecord {
    /** Reads the record again (a failover run by hand, or by another region's controller). */
    void refresh();

    String primary();

    /** When the last failover completed; null if never. */
    Instant lastFailover();

    /** Records a completed failover. */
    void failedOver(String newPrimary, Instant at);

    /** The record's one JSON form, in a file or in etcd: {@code {"primary": REGION, "last_failover": TIME}}. */
    record Facts(String primary, Instant lastFailover) {
        private static final ObjectMapper JSON = new ObjectMapper();

        public byte[] toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("primary", primary);
            body.put("last_failover", lastFailover == null ? null : lastFailover.toString());
            try {
                return JSON.writeValueAsBytes(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** @param fallback the primary when the document names none */
        public static Facts parse(byte[] json, String fallback) throws IOException {
            try {
                JsonNode node = JSON.readTree(json);
                return new Facts(node.path("primary").asText(fallback),
                        node.hasNonNull("last_failover") ? Instant.parse(node.get("last_failover").asText()) : null);
            } catch (RuntimeException e) { // a bad time stamp
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
