package io.pilotlight.health;

import java.time.Duration;

/**
 * One completed probe.
 *
 * @param startDelay how much later than planned the probe started (the schedule's drift)
 */
public record ProbeRecord(String check, String vantage, Duration startDelay, ProbeResult result) {
}
