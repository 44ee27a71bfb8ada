package io.pilotlight.store;

/** async: acknowledged once durable on the writer; sync: once durable in at least one other region too. */
public enum ReplicationMode {
    ASYNC,
    SYNC
}
