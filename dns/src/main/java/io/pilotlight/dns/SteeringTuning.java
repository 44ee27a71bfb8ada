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
    /**
     * 1 s windows, 10 s on the hash between looks, 8,000 queries to judge. Shorter windows misjudge:
     * with two senders on two CPUs, a quarter of a second in which the scheduler ran both senders on one
     * CPU showed up to 72 % of the queries on it; over a second it stayed under 65 %.
     */
    public static final SteeringTuning DEFAULT = new SteeringTuning(Duration.ofSeconds(1), Duration.ofSeconds(10), 8_000);

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
