package io.pilotlight.health;

/** A status with the reason for it, in plain words. */
record Verdict(HealthStatus status, String reason) {
}
