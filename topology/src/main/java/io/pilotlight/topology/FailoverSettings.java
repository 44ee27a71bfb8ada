package io.pilotlight.topology;

import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import java.time.Duration;

public record FailoverSettings(
        @Doc("automatic: the controller fails over on a confirmed loss of the primary; manual: an operator runs pilotlight failover.")
        @Default("automatic") FailoverMode mode,
        @Doc("How long the loss of the primary must be confirmed before the controller acts.") @Default("0s") Duration decisionDelay,
        @Doc("Least time between two automatic failovers (anti-flap).") @Default("5m") Duration minimumInterval) {

    public static final FailoverSettings DEFAULT =
            new FailoverSettings(FailoverMode.AUTOMATIC, Duration.ZERO, Duration.ofMinutes(5));
}
