package io.pilotlight.topology.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How field names and enum values are spelled in the topology file. */
public final class WireNames {
    private WireNames() {
    }

    /** {@code failureThreshold} is written {@code failure_threshold}. */
    public static String ofField(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static String of(Enum<?> value) {
        if (value.getDeclaringClass().isAnnotationPresent(UpperCaseValues.class)) {
            return value.name();
        }
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static List<String> allOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> of((Enum<?>) e)).toList();
    }
}
