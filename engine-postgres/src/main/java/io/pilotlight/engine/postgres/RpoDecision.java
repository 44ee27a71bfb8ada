package io.pilotlight.engine.postgres;

import java.time.Duration;

/**
 * The RPO guard's decision over one look at the primary: hold commits (every commit waits for a standby) when the best
 * standby's lag would pass the bound before the next look, release them once it is back under half the bound.
 *
 * @param hold   whether commits wait for a standby from now on
 * @param change whether that differs from before (the guard then changes synchronous_standby_names)
 * @param reason in plain words, for the log and the state's detail
 */
record RpoDecision(boolean hold, boolean change, String reason) {

    /**
     * @param holding whether commits wait now
     * @param bestLag the least lag of any standby (null: no standby streams)
     * @param bound   the lag bound (the RPO)
     * @param period  time between two looks
     */
    static RpoDecision decide(boolean holding, Duration bestLag, Duration bound, Duration period) {
        if (bestLag == null) {
            return new RpoDecision(true, !holding, "no standby streams: commits wait for one (RPO bound " + bound.toMillis() + "ms)");
        }
        if (!holding && bestLag.compareTo(bound.minus(period)) > 0) {
            return new RpoDecision(true, true, "the best standby lags " + bestLag.toMillis() + "ms, within one look of the bound "
                    + bound.toMillis() + "ms: commits wait for a standby");
        }
        if (holding && bestLag.compareTo(bound.dividedBy(2)) <= 0) {
            return new RpoDecision(false, true, "a standby lags " + bestLag.toMillis() + "ms, under half the bound " + bound.toMillis()
                    + "ms: commits no longer wait");
        }
        return new RpoDecision(holding, false, (holding ? "commits wait for a standby" : "commits do not wait") + ": the best standby lags "
                + bestLag.toMillis() + "ms (bound " + bound.toMillis() + "ms)");
    }
}
