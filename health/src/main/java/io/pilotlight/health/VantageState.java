package io.pilotlight.health;

import java.time.Instant;

/**
 * One checker's running state for one endpoint check; guarded by the board's lock. A remote checker
 * (one another agent runs) has no probes here: its threshold state is what its agent last reported,
 * and while it has no report ({@code reporting} false) it does not vote.
 */
final class VantageState {
    final String vantage;
    boolean remote;
    boolean reporting;
    ThresholdState threshold;
    String reason;
    Instant since;
    ProbeResult last;
    long probes;
    long skipped;

    VantageState(String vantage, ThresholdState initial, Instant since) {
        this.vantage = vantage;
        this.threshold = initial;
        this.reason = "initial state " + ThresholdMachine.name(initial.status()) + ", no results yet";
        this.since = since;
    }

    VantageState copy() {
        VantageState copy = new VantageState(vantage, threshold, since);
        copy.reason = reason;
        copy.last = last;
        copy.probes = probes;
        copy.skipped = skipped;
        copy.remote = remote;
        copy.reporting = reporting;
        return copy;
    }

    /** Whether this checker counts in the vantage-point rule: a local one always, a remote one only with a report. */
    boolean votes() {
        return !remote || reporting;
    }

    VantageDetails details() {
        int streak = threshold.streak();
        boolean healthy = threshold.lastHealthy();
        return new VantageDetails(vantage, votes() ? threshold.status() : HealthStatus.UNKNOWN, reason, since, last, healthy ? streak : 0,
                healthy ? 0 : streak, probes, skipped);
    }
}
