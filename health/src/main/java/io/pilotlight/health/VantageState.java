package io.pilotlight.health;

import java.time.Instant;

/** One checker's running state for one endpoint check; guarded by the board's lock. */
final class VantageState {
    final String vantage;
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
        return copy;
    }

    VantageDetails details() {
        int streak = threshold.streak();
        boolean healthy = threshold.lastHealthy();
        return new VantageDetails(vantage, threshold.status(), reason, since, last, healthy ? streak : 0,
                healthy ? 0 : streak, probes, skipped);
    }
}
