package io.pilotlight.health;

import java.time.Instant;

/**
 * A change of state of a check, as seen by one vantage point or by the aggregate.
 *
 * @param vantage  the checker that saw it, or {@code "aggregate"} for the check's overall verdict
 * @param evidence the probe result that caused the change ({@code null} for calculated checks)
 * @param reason   why, in plain words, e.g. "3 consecutive failures (threshold 3)"
 */
public record HealthEvent(Instant at, String check, String vantage, HealthStatus from, HealthStatus to,
                          ProbeResult evidence, String reason) {
    public static final String AGGREGATE = "aggregate";
}
