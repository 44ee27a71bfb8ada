package io.pilotlight.dns;

import io.pilotlight.health.HealthStatus;

/** How eligible a member is: known healthy first, then not yet known, then unhealthy. */
enum Tier {
    HEALTHY,
    UNKNOWN,
    UNHEALTHY;

    static Tier of(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> HEALTHY;
            case UNKNOWN -> UNKNOWN;
            case UNHEALTHY -> UNHEALTHY;
        };
    }

    boolean betterThan(Tier other) {
        return ordinal() < other.ordinal();
    }
}
