package io.pilotlight.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one probe.
 *
 * @param httpStatus the HTTP status, or -1 for TCP probes and failures before a status line
 * @param error      what went wrong in plain words, or {@code null} when healthy
 */
public record ProbeResult(Instant at, boolean healthy, int httpStatus, Duration latency, String error) {
}
