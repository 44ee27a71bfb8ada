package io.pilotlight.topology;

public enum RegionRole {
    PRIMARY,
    STANDBY,
    ACTIVE
}
