package io.pilotlight.dns;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link UdpSteering#AUTO} judges where queries arrive: over each {@code window} while steering by
 * CPU; after falling back to the kernel's hash it keeps that for {@code hold}, then steers by CPU for a
 * window again to look. A window with fewer than {@code minimumQueries} is too quiet to judge: the
 * steering stays by CPU, which costs nothing at that rate.
 */
public record SteeringTuning(Duration window, Duration hold, long minimumQueries) {
    /** 250 ms windows, 10 s on the hash between looks, 2,000 queries (8,000 a second) to judge. */
    public static final SteeringTuning DEFAULT = new SteeringTuning(Duration.ofMillis(250), Duration.ofSeconds(10), 2_000);

    public SteeringTuning {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(hold, "hold");
        if (window.isNegative() || window.isZero() || hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("window and hold must be positive, were " + window + " and " + hold);
        }
        if (minimumQueries < 1) {
            throw new IllegalArgumentException("minimumQueries must be at least 1, was " + minimumQueries);
        }
    }
}
