package io.pilotlight.health;

/** The verdict on a health check. UNKNOWN only before enough results when the check starts unknown. */
public enum HealthStatus {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN
}
