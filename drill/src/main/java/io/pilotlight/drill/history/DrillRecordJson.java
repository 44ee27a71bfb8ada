package io.pilotlight.drill.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.spec.WireNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link DrillRecord} as one JSON object (a history line, or an element of {@code drill history --format json}).
 * Reading checks every field and names the one that is wrong, its value and what is allowed.
 */
public final class DrillRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillRecordJson() {
    }

    public static Map<String, Object> toMap(DrillRecord record) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("at", record.at().toString());
        node.put("topology", record.topology());
        node.put("drill", record.drill());
        node.put("scenario", WireNames.of(record.scenario()));
        node.put("target", record.target());
        node.put("verdict", record.verdict().wireName());
        node.put("rto_seconds", record.rtoSeconds());
        node.put("lost_writes", record.lostWrites());
        node.put("data_loss_window_seconds", record.dataLossWindowSeconds());
        node.put("report", record.report());
        if (record.reason() != null) {
            node.put("reason", record.reason());
        }
        if (!record.termSeconds().isEmpty()) {
            node.put("terms", record.termSeconds());
        }
        return node;
    }

    public static String toLine(DrillRecord record) {
        try {
            return JSON.writeValueAsString(toMap(record));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a drill record as JSON: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the field, the value and what is allowed */
    public static DrillRecord fromLine(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new DrillRecord(instant(node), requiredText(node, "topology"), optionalText(node, "drill"), scenario(node),
                optionalText(node, "target"), verdict(node), optionalNumber(node, "rto_seconds"),
                node.hasNonNull("lost_writes") ? (int) optionalWhole(node, "lost_writes") : null,
                optionalNumber(node, "data_loss_window_seconds"), optionalText(node, "report"), optionalText(node, "reason"),
                terms(node));
    }

    /** {@code "terms": {"detection": 2.0, ...}}: optional (lines written before it was recorded have none). */
    private static Map<String, Double> terms(JsonNode node) {
        Map<String, Double> terms = new LinkedHashMap<>();
        if (!node.hasNonNull("terms")) {
            return terms;
        }
        JsonNode value = node.get("terms");
        if (!value.isObject()) {
            throw new IllegalArgumentException("field \"terms\": " + value + " is not an object of term name to seconds");
        }
        value.properties().forEach(term -> {
            if (!term.getValue().isNumber() || term.getValue().asDouble() < 0) {
                throw new IllegalArgumentException("field \"terms\": \"" + term.getKey() + "\": " + term.getValue()
                        + " is not a number of seconds ≥ 0");
            }
            terms.put(term.getKey(), term.getValue().asDouble());
        });
        return terms;
    }

    private static Instant instant(JsonNode node) {
        String text = requiredText(node, "at");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"at\": \"" + text + "\" is not an ISO-8601 instant such as 2026-11-28T05:00:00Z");
        }
    }

    private static DrillScenario scenario(JsonNode node) {
        String text = requiredText(node, "scenario");
        for (DrillScenario candidate : DrillScenario.values()) {
            if (WireNames.of(candidate).equals(text)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("field \"scenario\": \"" + text + "\" is not allowed; expected one of "
                + String.join(", ", WireNames.allOf(DrillScenario.class)));
    }

    private static DrillVerdict verdict(JsonNode node) {
        try {
            return DrillVerdict.of(requiredText(node, "verdict"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field \"verdict\": " + e.getMessage().substring("verdict ".length()));
        }
    }

    private static String requiredText(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing");
        }
        return text(node, field);
    }

    private static String optionalText(JsonNode node, String field) {
        return node.hasNonNull(field) ? text(node, field) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\": " + value + " is not a string");
        }
        return value.asText();
    }

    private static Double optionalNumber(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new IllegalArgumentException("field \"" + field + "\": " + value + " is not a number of seconds ≥ 0");
        }
        return value.asDouble();
    }

    private static long optionalWhole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new IllegalArgumentException("field \"" + field + "\": " + value + " is not a whole number ≥ 0");
        }
        return value.asInt();
    }
}
