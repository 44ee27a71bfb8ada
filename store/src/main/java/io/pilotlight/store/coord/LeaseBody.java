package io.pilotlight.store.coord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * The bodies {@link HttpCoordinator} sends to {@link CoordinatorServer}, read strictly: a JSON
 * object with exactly the expected fields, each of the expected type and range. Anything else is a
 * {@link BadField} naming the field, the value and what is allowed; nothing is coerced or defaulted
 * (a string epoch, a fractional TTL, a missing region), so a malformed request can never grant,
 * renew or release a lease.
 */
final class LeaseBody {
    /** The longest lease a node may ask for (a day); the store's default is 2 s. */
    static final long MAX_TTL_MILLIS = 86_400_000;

    record Acquire(String region, Duration ttl, long atLeastEpoch) {
    }

    record Renew(String region, long epoch, Duration ttl) {
    }

    record Release(String region, long epoch, String successor) {
    }

    /** A field that is missing, of the wrong type or out of range; {@code field} is null when the body as a whole is wrong. */
    static final class BadField extends IllegalArgumentException {
        private final String field;

        BadField(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final JsonNode body;

    private LeaseBody(JsonNode body) {
        this.body = body;
    }

    static Acquire acquire(ObjectMapper json, byte[] bytes) {
        LeaseBody body = read(json, bytes, Set.of("region", "ttl_ms", "at_least_epoch"));
        // at_least_epoch + 1 must still be an epoch: the grant is above it
        return new Acquire(body.region("region"), body.ttl(), body.has("at_least_epoch") ? body.number("at_least_epoch", 0, Long.MAX_VALUE - 1) : 0);
    }

    static Renew renew(ObjectMapper json, byte[] bytes) {
        LeaseBody body = read(json, bytes, Set.of("region", "epoch", "ttl_ms"));
        return new Renew(body.region("region"), body.number("epoch", 0, Long.MAX_VALUE), body.ttl());
    }

    static Release release(ObjectMapper json, byte[] bytes) {
        LeaseBody body = read(json, bytes, Set.of("region", "epoch", "successor"));
        String successor = body.has("successor") && !body.body.get("successor").isNull() ? body.region("successor") : null;
        return new Release(body.region("region"), body.number("epoch", 0, Long.MAX_VALUE), successor);
    }

    private static LeaseBody read(ObjectMapper json, byte[] bytes, Set<String> fields) {
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadField(null, "the body is not JSON: " + e.getOriginalMessage() + "; expected an object with " + fields);
        } catch (java.io.IOException e) {
            throw new BadField(null, "the body is unreadable: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadField(null, "the body is " + (body == null || body.isMissingNode() ? "empty" : "a JSON " + kind(body))
                    + "; expected an object with " + fields);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new BadField(name, "field \"" + shown(name) + "\" is unknown; allowed: " + fields);
            }
        }
        return new LeaseBody(body);
    }

    private boolean has(String field) {
        return body.has(field);
    }

    private JsonNode required(String field, String allowed) {
        JsonNode value = body.get(field);
        if (value == null) {
            throw new BadField(field, "field \"" + field + "\" is missing; allowed: " + allowed);
        }
        return value;
    }

    private String region(String field) {
        String allowed = "a region name (a non-empty string of at most 100 characters)";
        JsonNode value = required(field, allowed);
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 100) {
            throw new BadField(field, "field \"" + field + "\" is " + described(value) + "; allowed: " + allowed);
        }
        return value.textValue();
    }

    private long number(String field, long min, long max) {
        String allowed = "a whole number, " + min + " to " + max;
        JsonNode value = required(field, allowed);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new BadField(field, "field \"" + field + "\" is " + described(value) + "; allowed: " + allowed);
        }
        return value.longValue();
    }

    private Duration ttl() {
        return Duration.ofMillis(number("ttl_ms", 1, MAX_TTL_MILLIS));
    }

    private static String described(JsonNode value) {
        String text = value.toString();
        return (text.length() > 80 ? text.substring(0, 80) + "... (" + text.length() + " characters)" : text) + " (" + kind(value) + ")";
    }

    private static String kind(JsonNode value) {
        return value.getNodeType() == JsonNodeType.POJO ? "object" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shown(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
