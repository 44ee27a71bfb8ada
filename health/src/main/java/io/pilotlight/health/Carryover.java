package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import java.time.Instant;

/**
 * What a monitor inherits from the one it replaces (on a zone reload, say): the state of every
 * check whose definition and checker are unchanged. A reload thus neither forgets an outage (a
 * dead primary would otherwise be "healthy" again until its thresholds ran out) nor restarts
 * the counts. A check that is new or changed starts from its initial state.
 */
final class Carryover {
    static final Carryover NONE = new Carryover(null);
    private final HealthBoard previous;

    Carryover(HealthBoard previous) {
        this.previous = previous;
    }

    VantageState vantage(String name, HealthCheck check, String vantage, Instant now) {
        VantageState old = previous == null ? null : previous.copyOf(name, check, vantage);
        return old != null && !old.remote ? old : new VantageState(vantage, ThresholdState.initial(check.initialState()), now);
    }

    /** A remote checker's state: carried over (report included) when it was remote before too, else without a report. */
    VantageState remoteVantage(String name, HealthCheck check, String vantage, Instant now) {
        VantageState old = previous == null ? null : previous.copyOf(name, check, vantage);
        if (old != null && old.remote) {
            return old;
        }
        VantageState fresh = new VantageState(vantage, ThresholdState.initial(check.initialState()), now);
        fresh.remote = true;
        fresh.reason = "no report from its agent yet: not counted";
        return fresh;
    }

    /** Since when the verdict holds: the old instant when the unchanged check had the same verdict. */
    Instant since(String name, HealthCheck check, HealthStatus status, Instant now) {
        CheckVerdict old = previous == null ? null : previous.verdictOf(name, check);
        return old != null && old.status() == status ? old.since() : now;
    }
}
