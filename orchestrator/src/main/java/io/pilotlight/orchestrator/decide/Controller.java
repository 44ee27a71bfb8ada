package io.pilotlight.orchestrator.decide;

import io.pilotlight.health.HealthStatus;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.FailoverMode;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * The failover decision as a pure function of a snapshot: no clock, no network, same input same
 * output. Acts only on a confirmed loss of the primary (unhealthy for the decision delay), never
 * twice within the minimum interval (anti-flap), and only towards a region whose store replica answers.
 */
public final class Controller {
    private Controller() {
    }

    public static Decision decide(Snapshot snapshot, ControllerSettings settings) {
        RegionView primary = snapshot.regions().get(snapshot.primary());
        if (primary == null) {
            return new Decision(Action.ALERT, null, "the primary " + snapshot.primary() + " is not a region of the topology");
        }
        if (primary.health() != HealthStatus.UNHEALTHY) {
            return new Decision(Action.NONE, null, "primary " + primary.region() + " is " + primary.health().name().toLowerCase());
        }
        Duration down = snapshot.unhealthySince() == null ? Duration.ZERO : Duration.between(snapshot.unhealthySince(), snapshot.now());
        Optional<RegionView> target = bestTarget(snapshot, settings);
        if (target.isEmpty()) {
            return new Decision(Action.ALERT, null, "primary " + primary.region() + " unhealthy for " + Durations.format(down)
                    + ", but no other region's store answers: nothing to fail over to");
        }
        String towards = target.get().region();
        if (settings.mode() == FailoverMode.MANUAL) {
            String restore = settings.restoresFromBackup() ? " (it restores the latest backup)" : "";
            return new Decision(Action.ALERT, towards, "primary " + primary.region() + " unhealthy for " + Durations.format(down)
                    + "; manual mode: run pilotlight failover FILE --to " + towards + restore);
        }
        if (down.compareTo(settings.decisionDelay()) < 0) {
            return new Decision(Action.CONFIRMING, towards, "primary " + primary.region() + " unhealthy for " + Durations.format(down)
                    + "; confirming for " + Durations.format(settings.decisionDelay()) + " before failing over to " + towards);
        }
        if (snapshot.lastFailover() != null) {
            Duration since = Duration.between(snapshot.lastFailover(), snapshot.now());
            if (since.compareTo(settings.minimumInterval()) < 0) {
                return new Decision(Action.ALERT, towards, "primary " + primary.region() + " unhealthy, but the last failover was "
                        + Durations.format(since) + " ago (minimum interval " + Durations.format(settings.minimumInterval())
                        + "): not failing over again automatically");
            }
        }
        String lag = target.get().storeLagMillis() < 0 ? "unknown lag" : target.get().storeLagMillis() + "ms behind";
        String ready = settings.restoresFromBackup() && !target.get().storeReachable() ? towards + " restores the latest backup"
                : towards + "'s replica answers, " + lag;
        return new Decision(Action.FAIL_OVER, towards, "primary " + primary.region() + " unhealthy for " + Durations.format(down)
                + " (confirmed after " + Durations.format(settings.decisionDelay()) + "); " + ready
                + ": failing over to " + towards);
    }

    /**
     * The reachable non-primary region with the least replica lag (unknown lag last; ties by name).
     * Backup and restore has no replica to reach: any other region can restore the latest backup.
     */
    private static Optional<RegionView> bestTarget(Snapshot snapshot, ControllerSettings settings) {
        return snapshot.regions().values().stream()
                .filter(r -> !r.region().equals(snapshot.primary()) && (r.storeReachable() || settings.restoresFromBackup()))
                .min(Comparator.comparingLong((RegionView r) -> r.storeLagMillis() < 0 ? Long.MAX_VALUE : r.storeLagMillis())
                        .thenComparing(RegionView::region));
    }
}
