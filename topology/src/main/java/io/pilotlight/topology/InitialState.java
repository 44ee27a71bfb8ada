package io.pilotlight.topology;

public enum InitialState {
    HEALTHY,
    UNKNOWN
}
