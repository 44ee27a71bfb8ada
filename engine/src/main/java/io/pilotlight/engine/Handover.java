package io.pilotlight.engine;

import java.time.Duration;

/**
 * The outcome of a promotion or a switchover.
 *
 * @param region      the new writer
 * @param epoch       its writer generation
 * @param writeGap    how long writes were unavailable (switchover), or how long the promotion waited for the old lease
 * @param summary     one sentence for the runbook's audit log
 */
public record Handover(String region, long epoch, Duration writeGap, String summary) {
}
