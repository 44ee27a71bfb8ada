package io.pilotlight.topology;

public enum ReplicationMode {
    ASYNC,
    SYNC
}
