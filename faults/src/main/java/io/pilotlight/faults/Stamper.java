package io.pilotlight.faults;

import java.util.random.RandomGenerator;

/**
 * Decides when a chunk is due: its arrival plus latency ± jitter (drawn uniformly), but never
 * before the chunk before it, so bytes keep their order. Pure apart from its random source; one
 * per direction of a connection, used by one thread.
 */
final class Stamper {
    private final RandomGenerator random;
    private long lastDue;
    private boolean stamped;

    Stamper(RandomGenerator random) {
        this.random = random;
    }

    /** The due time, in the same nanosecond clock as {@code arrivalNanos}. */
    long due(long arrivalNanos, LinkFaults faults) {
        long delay = faults.latency().toNanos();
        long jitter = faults.jitter().toNanos();
        if (jitter > 0) {
            delay += random.nextLong(-jitter, jitter + 1);
        }
        long due = arrivalNanos + delay;
        if (stamped && due - lastDue < 0) {
            due = lastDue;
        }
        lastDue = due;
        stamped = true;
        return due;
    }
}
