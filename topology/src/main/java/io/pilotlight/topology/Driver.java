package io.pilotlight.topology;

/** The reason behind a multi-region requirement. */
public enum Driver {
    REGIONAL_OUTAGE,
    AZ_OUTAGE,
    DATA_RESIDENCY,
    LATENCY
}
