package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;

/**
 * {@code disabled} and {@code inverted}, applied last, as Route 53 does: a disabled check is healthy
 * whatever its target does; an inverted check swaps HEALTHY and UNHEALTHY (UNKNOWN stays). Both
 * together give UNHEALTHY, the documented way to stop traffic to a resource by hand.
 */
final class CheckFlags {
    private CheckFlags() {
    }

    static Verdict apply(HealthCheck check, Verdict measured) {
        Verdict verdict = check.disabled() ? new Verdict(HealthStatus.HEALTHY, "disabled: always healthy") : measured;
        if (!check.inverted()) {
            return verdict;
        }
        return new Verdict(invert(verdict.status()), "inverted (" + verdict.reason() + ")");
    }

    static HealthStatus invert(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> HealthStatus.UNHEALTHY;
            case UNHEALTHY -> HealthStatus.HEALTHY;
            case UNKNOWN -> HealthStatus.UNKNOWN;
        };
    }
}
