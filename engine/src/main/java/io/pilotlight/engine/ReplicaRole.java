package io.pilotlight.engine;

/** What one region's copy is doing now. */
public enum ReplicaRole {
    /** Takes the writes (single writer: the one region; object replication: the source bucket). */
    WRITER,
    /** Follows a writer. */
    REPLICA,
    /** Takes writes alongside the other regions (multi-active). */
    ACTIVE,
    /** Was the writer, lost its lease: refuses writes until it rejoins. */
    FENCED,
    /** Answers, but neither takes nor follows writes (starting, restoring). */
    IDLE,
    /** Did not answer. */
    UNREACHABLE
}
