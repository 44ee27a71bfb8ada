package io.pilotlight.health;

import java.time.Instant;

/** A check's current verdict, why, and since when. */
record CheckVerdict(HealthStatus status, String reason, Instant since) {
}
