package io.pilotlight.topology;

public enum RegionRole {
    PRIMARY,
    STANDBY,
    ACTIVE,
    /** Holds only a member of the coordination store: no service, data, compute or DNS record. */
    WITNESS;

    /** Whether the region runs the deployment's parts (everything but a witness). */
    public boolean serves() {
        return this != WITNESS;
    }
}
