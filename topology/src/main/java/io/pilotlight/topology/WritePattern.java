package io.pilotlight.topology;

/** What the application's writes look like, which decides whether last-writer-wins is safe. */
public enum WritePattern {
    /** Whole-item overwrites and inserts: last-writer-wins keeps one of the versions, which is fine. */
    OVERWRITES,
    /** Append-only, unique keys: no two regions write the same key. */
    APPEND_ONLY,
    /** Increments of a shared number: concurrent increments in two regions lose one. */
    COUNTERS,
    /** Read a value, change it, write it back: concurrent updates in two regions lose one. */
    READ_MODIFY_WRITE;

    public boolean safeUnderLastWriterWins() {
        return this == OVERWRITES || this == APPEND_ONLY;
    }
}
