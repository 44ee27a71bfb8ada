package io.pilotlight.health;

import java.time.Duration;
import java.time.Instant;

/** Probe results without a network, for the pure parts. */
final class Results {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Results() {
    }

    static ProbeResult ok() {
        return ProbeResult.success(T0, 200, Duration.ofMillis(3));
    }

    static ProbeResult failed() {
        return ProbeResult.failure(T0, 503, Duration.ofMillis(3), "HTTP 503");
    }

    static ProbeResult of(boolean healthy) {
        return healthy ? ok() : failed();
    }
}
