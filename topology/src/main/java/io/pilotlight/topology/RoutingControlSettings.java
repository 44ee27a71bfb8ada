package io.pilotlight.topology;

import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import java.time.Duration;
import java.util.List;

/** Operator routing controls (like Route 53 ARC): every routed record set member is a control named NAME/SET_IDENTIFIER. */
public record RoutingControlSettings(
        @Doc("Least time between two changes of the same control; a change inside it is refused (anti-flap).")
        @Default("0s") Duration waitPeriod,
        @Doc("Assertions every change must keep true, besides the built-in one that each routed name keeps one member on.")
        List<SafetyRuleSpec> safetyRules) {

    public static final RoutingControlSettings DEFAULT = new RoutingControlSettings(Duration.ZERO, List.of());

    public RoutingControlSettings {
        safetyRules = safetyRules == null ? List.of() : safetyRules;
    }
}
