package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.Origin;
import java.util.List;
import java.util.Map;

/** What an expression evaluates to: a known value, a reference to another resource, or unknown with the reason. */
public sealed interface Value {
    /** A string, a {@link java.math.BigDecimal}, a boolean, a {@code List<Value>} or a {@code Map<String, Value>}. */
    record Known(Object value) implements Value {
    }

    /** {@code aws_route53_health_check.primary.id}: the attribute of a resource of this configuration (or module). */
    record ResourceRef(String type, String name, String attribute) implements Value {
        public String address() {
            return type + "." + name;
        }
    }

    /**
     * @param why   in plain words, e.g. "variable zone_id has no default and no -var or -var-file value"
     * @param where where the expression that could not be resolved was written
     */
    record Unknown(String why, Origin where) implements Value {
    }

    static Value known(Object value) {
        return new Known(value);
    }

    default boolean isKnown() {
        return this instanceof Known;
    }

    /** The items of a known list (a single known value counts as one item); empty otherwise. */
    default List<Value> items() {
        if (this instanceof Known known && known.value() instanceof List<?> list) {
            return list.stream().map(Value.class::cast).toList();
        }
        return List.of();
    }

    default Map<String, Value> entries() {
        if (this instanceof Known known && known.value() instanceof Map<?, ?> map) {
            java.util.Map<String, Value> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), (Value) v));
            return out;
        }
        return Map.of();
    }
}
