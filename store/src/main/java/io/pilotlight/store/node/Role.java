package io.pilotlight.store.node;

public enum Role {
    WRITER,
    REPLICA
}
