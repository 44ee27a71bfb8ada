package io.pilotlight.topology;

public enum DrillScenario {
    REGION_OUTAGE,
    PARTITION,
    GRAY_FAILURE,
    SWITCHOVER
}
