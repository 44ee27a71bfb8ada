package io.pilotlight.topology.load;

import io.pilotlight.topology.Durations;
import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Seconds;
import io.pilotlight.topology.spec.WireNames;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a field accepts, in the words an error message uses. */
final class FieldRules {
    private FieldRules() {
    }

    static String allowed(Type type, RecordComponent component) {
        Class<?> raw = raw(type);
        Bounds bounds = component == null ? null : component.getAnnotation(Bounds.class);
        if (raw == int.class || raw == Integer.class) {
            return "an integer" + range(bounds);
        }
        if (raw == double.class || raw == Double.class) {
            return "a number" + range(bounds);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == Duration.class) {
            boolean seconds = component != null && component.isAnnotationPresent(Seconds.class);
            return Durations.ALLOWED + (seconds ? ", or a bare number of seconds" : "") + range(bounds);
        }
        if (raw.isEnum()) {
            @SuppressWarnings("unchecked")
            Class<? extends Enum<?>> enumType = (Class<? extends Enum<?>>) raw;
            return "one of " + String.join(", ", WireNames.allOf(enumType));
        }
        if (raw == String.class) {
            return "text";
        }
        if (raw == List.class) {
            return "a list";
        }
        if (raw == Map.class) {
            return "a mapping of names to entries";
        }
        if (raw.isRecord()) {
            return "a mapping with keys " + String.join(", ", keysOf(raw));
        }
        return raw.getSimpleName();
    }

    static List<String> keysOf(Class<?> recordType) {
        return java.util.Arrays.stream(recordType.getRecordComponents())
                .map(c -> WireNames.ofField(c.getName()))
                .toList();
    }

    private static String range(Bounds bounds) {
        if (bounds == null) {
            return "";
        }
        boolean min = !bounds.min().isEmpty();
        boolean max = !bounds.max().isEmpty();
        if (min && max) {
            return " from " + bounds.min() + " to " + bounds.max();
        }
        if (min) {
            return " of at least " + bounds.min();
        }
        return max ? " of at most " + bounds.max() : "";
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported model type " + type);
    }

    static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
