package io.pilotlight.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON form of {@link Faults} used by the control API. Durations are milliseconds (fractions
 * allowed); a missing field means "no fault"; an unknown field is an error, so a typo never
 * silently leaves a fault off.
 */
final class FaultsJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FAULTS_FIELDS = Set.of("upstream", "downstream", "refuseConnections", "resetProbability");
    private static final Set<String> LINK_FIELDS = Set.of("latencyMs", "jitterMs", "bytesPerSecond", "partition");

    private FaultsJson() {
    }

    static ObjectNode write(Faults faults) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("upstream", write(faults.upstream()));
        node.set("downstream", write(faults.downstream()));
        node.put("refuseConnections", faults.refuseConnections());
        node.put("resetProbability", faults.resetProbability());
        return node;
    }

    private static ObjectNode write(LinkFaults link) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("latencyMs", link.latency().toNanos() / 1e6);
        node.put("jitterMs", link.jitter().toNanos() / 1e6);
        node.put("bytesPerSecond", link.bytesPerSecond());
        node.put("partition", link.partition().name());
        return node;
    }

    static ObjectNode write(ProxyStats stats) {
        return MAPPER.valueToTree(stats);
    }

    /** Reads faults; throws IllegalArgumentException naming the field path, the value and what is allowed. */
    static Faults read(JsonNode node) {
        requireObject("body", node, FAULTS_FIELDS);
        LinkFaults upstream = readLink("upstream", node.get("upstream"));
        LinkFaults downstream = readLink("downstream", node.get("downstream"));
        boolean refuse = node.has("refuseConnections") && bool("refuseConnections", node.get("refuseConnections"));
        double probability = node.has("resetProbability") ? number("resetProbability", node.get("resetProbability")) : 0.0;
        return new Faults(upstream, downstream, refuse, probability);
    }

    private static LinkFaults readLink(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return LinkFaults.NONE;
        }
        requireObject(path, node, LINK_FIELDS);
        try {
            Duration latency = millis(path + ".latencyMs", node.get("latencyMs"));
            Duration jitter = millis(path + ".jitterMs", node.get("jitterMs"));
            long cap = node.has("bytesPerSecond") ? (long) number(path + ".bytesPerSecond", node.get("bytesPerSecond")) : LinkFaults.NO_CAP;
            Partition partition = node.has("partition") ? partition(path + ".partition", node.get("partition")) : Partition.NONE;
            return new LinkFaults(latency, jitter, cap, partition);
        } catch (IllegalArgumentException invalid) {
            String message = invalid.getMessage();
            throw new IllegalArgumentException(message.startsWith(path) ? message : path + "." + message, invalid);
        }
    }

    private static void requireObject(String path, JsonNode node, Set<String> known) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a JSON object, was " + node);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(path + " has unknown field '" + name + "'; allowed: " + known.stream().sorted().toList());
            }
        }
    }

    private static Duration millis(String path, JsonNode node) {
        return node == null ? Duration.ZERO : Duration.ofNanos(Math.round(number(path, node) * 1e6));
    }

    private static double number(String path, JsonNode node) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(path + " = " + node + " must be a number");
        }
        return node.asDouble();
    }

    private static boolean bool(String path, JsonNode node) {
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(path + " = " + node + " must be true or false");
        }
        return node.asBoolean();
    }

    private static Partition partition(String path, JsonNode node) {
        try {
            return Partition.valueOf(node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(path + " = " + node + " is not a partition mode; allowed: NONE, DROP, HOLD", unknown);
        }
    }
}
