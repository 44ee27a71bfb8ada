package io.pilotlight.store.node;

/** An acknowledged write: its version (log index), the writer's epoch, and the acknowledgement time. */
public record WriteResult(long version, long epoch, long ackTime) {
}
