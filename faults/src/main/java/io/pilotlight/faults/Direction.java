package io.pilotlight.faults;

/** One direction through a {@link FaultyProxy}. */
public enum Direction {
    /** Client to upstream: bytes the proxy reads from an accepted connection and writes to the upstream. */
    UPSTREAM,
    /** Upstream to client: bytes the proxy reads from the upstream and writes back to the client. */
    DOWNSTREAM;

    /** The other direction. */
    public Direction reverse() {
        return this == UPSTREAM ? DOWNSTREAM : UPSTREAM;
    }

    /** Lower-case name, as used in JSON and messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
