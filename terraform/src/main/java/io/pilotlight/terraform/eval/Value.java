package io.pilotlight.terraform.eval;

import io.pilotlight.terraform.Origin;
import java.util.List;
import java.util.Map;

/** What an expression evaluates to: a known value, a reference to another resource, or unknown with the reason. */
public sealed interface Value {
    /** A string, a {@link java.math.BigDecimal}, a boolean, a {@code List<Value>} or a {@code Map<String, Value>}. */
    record Known(Object value) implements Value {
    }

    /**
     * {@code aws_route53_health_check.primary.id}: the attribute of a resource of this configuration (or module).
     *
     * @param key the instance key of a resource with count ({@link java.math.BigDecimal}) or for_each (a string), or
     *            {@code null} for a resource without either
     */
    record ResourceRef(String type, String name, String attribute, Object key) implements Value {
        public ResourceRef(String type, String name, String attribute) {
            this(type, name, attribute, null);
        }

        /** As Terraform writes it: {@code aws_route53_record.www["east"]}, {@code aws_instance.x[0]}. */
        public String address() {
            return type + "." + name + indexSuffix(key);
        }
    }

    /** {@code ["east"]} for a for_each key, {@code [0]} for a count index, empty for none: Terraform's instance address. */
    static String indexSuffix(Object key) {
        if (key == null) {
            return "";
        }
        if (key instanceof java.math.BigDecimal number) {
            return "[" + number.stripTrailingZeros().toPlainString() + "]";
        }
        if (key instanceof Number number) {
            return "[" + number + "]";
        }
        return "[\"" + key.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /**
     * An instance key or index as used in addresses: an integral number as an {@link Integer} (count.index, list
     * positions, {@code [0]}), anything else as its string (for_each keys); {@code null} when it is neither.
     */
    static Object key(Object raw) {
        if (raw instanceof java.math.BigDecimal number) {
            try {
                return number.stripTrailingZeros().intValueExact();
            } catch (ArithmeticException notAnIndex) {
                return number.stripTrailingZeros().toPlainString();
            }
        }
        return raw instanceof String || raw instanceof Integer ? raw : raw instanceof Boolean ? raw.toString() : null;
    }

    /** A key as a topology name part: {@code east}, {@code 0}. */
    static String keyText(Object key) {
        return key instanceof java.math.BigDecimal number ? number.stripTrailingZeros().toPlainString() : String.valueOf(key);
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
