package io.pilotlight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --format json} prints: one indented document, with snake_case field names everywhere.
 * Components answer with their own records (a store node's {@code /status}, a DNS server's
 * {@code /health}: camelCase, as other code parses them); the CLI renames their fields when it
 * re-prints them, and leaves their wire format alone.
 */
final class JsonOutput {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static String pretty(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A copy of a component's JSON with every field name in snake_case, at every depth.
     *
     * @param nameKeyed the fields whose objects are keyed by names (regions, checks), not by field names: their keys stay as
     *                  they are, their values are converted
     */
    static JsonNode snakeCase(JsonNode node, Set<String> nameKeyed) {
        return convert(node, nameKeyed, false);
    }

    private static JsonNode convert(JsonNode node, Set<String> nameKeyed, boolean keysAreNames) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = keysAreNames ? field.getKey() : snakeCase(field.getKey());
                copy.set(key, convert(field.getValue(), nameKeyed, !keysAreNames && nameKeyed.contains(field.getKey())));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(element -> copy.add(convert(element, nameKeyed, false)));
            return copy;
        }
        return node;
    }

    /** {@code lastContactMillis} is {@code last_contact_millis}, {@code httpStatus} is {@code http_status}; snake_case stays. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
                boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1)) && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if (afterLower || acronymEnd) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
