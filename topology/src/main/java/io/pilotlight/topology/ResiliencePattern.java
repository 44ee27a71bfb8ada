package io.pilotlight.topology;

/** The four multi-region patterns, cheapest first. */
public enum ResiliencePattern {
    BACKUP_RESTORE,
    PILOT_LIGHT,
    WARM_STANDBY,
    ACTIVE_ACTIVE
}
