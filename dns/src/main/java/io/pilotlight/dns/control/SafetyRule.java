package io.pilotlight.dns.control;

import java.util.List;

/**
 * An assertion every routing-control change must keep true: at least {@code minOn} of these
 * controls are on (Route 53 ARC's "assertion rule").
 */
public record SafetyRule(String name, List<String> controls, int minOn) {
    public SafetyRule {
        controls = List.copyOf(controls);
    }

    boolean holds(java.util.function.Predicate<String> isOn) {
        return controls.stream().filter(isOn).count() >= minOn;
    }
}
