package io.pilotlight.faults;

import java.time.Duration;

/** Argument checks whose messages name the field, the value and what is allowed. */
final class Require {
    private Require() {
    }

    static <T> T nonNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (was null)");
        }
        return value;
    }

    static Duration between(String field, Duration value, Duration min, Duration max) {
        nonNull(field, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " = " + millis(value) + " is out of range; allowed: "
                    + millis(min) + " to " + millis(max));
        }
        return value;
    }

    static double between(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range; allowed: " + min + " to " + max);
        }
        return value;
    }

    static long between(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range; allowed: " + min + " to " + max);
        }
        return value;
    }

    static long atLeast(String field, long value, long min, String meaning) {
        if (value < min) {
            throw new IllegalArgumentException(field + " = " + value + " is out of range; allowed: at least " + min + meaning);
        }
        return value;
    }

    static String millis(Duration d) {
        if (Math.abs(d.getSeconds()) > 1_000_000_000L) {
            return d.toString();
        }
        long nanos = d.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos / 1e6 + " ms";
    }
}
