package io.pilotlight.health;

import java.time.Instant;

/**
 * What one checker sees of an endpoint check, for an operator.
 *
 * @param status               this checker's verdict after the threshold (before inversion)
 * @param reason               why, in plain words
 * @param since                when this checker's verdict last changed (or the monitor was built)
 * @param lastResult           the latest probe result, {@code null} before the first
 * @param consecutiveSuccesses the current run of successes (0 when the latest result failed)
 * @param consecutiveFailures  the current run of failures (0 when the latest result succeeded)
 * @param probes               probes completed
 * @param skipped              scheduled probes skipped because the previous one was still running or the slot was missed
 */
public record VantageDetails(String vantage, HealthStatus status, String reason, Instant since, ProbeResult lastResult,
                             int consecutiveSuccesses, int consecutiveFailures, long probes, long skipped) {
}
