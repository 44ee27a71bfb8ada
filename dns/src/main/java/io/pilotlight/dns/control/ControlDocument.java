package io.pilotlight.dns.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON form of routing-control state, {@code {"controls": {"NAME/ID": {"on": ..., "changed_at": ...,
 * "changed_by": ..., "reason": ...}}}}, whether it is kept in a file or in a shared store.
 */
public final class ControlDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ControlDocument() {
    }

    public static byte[] encode(Map<String, ControlState> states) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode controls = root.putObject("controls");
        states.forEach((name, state) -> {
            ObjectNode node = controls.putObject(name);
            node.put("on", state.on());
            node.put("changed_at", state.changedAt() == null ? null : state.changedAt().toString());
            node.put("changed_by", state.changedBy());
            node.put("reason", state.reason());
        });
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode routing control state", e);
        }
    }

    /** @throws IllegalArgumentException naming {@code source} when the document is not routing-control state */
    public static Map<String, ControlState> decode(byte[] document, String source) {
        Map<String, ControlState> states = new LinkedHashMap<>();
        try {
            JsonNode root = JSON.readTree(document);
            root.path("controls").fields().forEachRemaining(entry -> {
                JsonNode node = entry.getValue();
                states.put(entry.getKey(), new ControlState(entry.getKey(), node.path("on").asBoolean(true),
                        node.hasNonNull("changed_at") ? Instant.parse(node.get("changed_at").asText()) : null,
                        node.path("changed_by").asText(null), node.path("reason").asText(null)));
            });
            return states;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("routing control state " + source + " cannot be read: " + e.getMessage(), e);
        }
    }
}
