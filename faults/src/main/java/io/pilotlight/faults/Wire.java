package io.pilotlight.faults;

import java.util.function.Supplier;

/**
 * One direction of the simulated link, shared by every connection of a proxy: the current faults
 * of that direction, its bandwidth cap, and its counters.
 */
final class Wire {
    /** Burst of the bandwidth cap, in seconds of traffic. */
    static final double BURST_SECONDS = 0.05;

    final Direction direction;
    final Counters counters;
    private final Supplier<Faults> faults;
    private final TokenBucket bucket = new TokenBucket(BURST_SECONDS);

    Wire(Direction direction, Supplier<Faults> faults, Counters counters) {
        this.direction = direction;
        this.faults = faults;
        this.counters = counters;
    }

    LinkFaults faults() {
        return faults.get().link(direction);
    }

    /** Nanoseconds to wait before sending {@code bytes} under the cap in force; 0 when uncapped. */
    long reserve(long bytes, long nowNanos) {
        long rate = faults().bytesPerSecond();
        return rate == LinkFaults.NO_CAP ? 0 : bucket.reserve(bytes, rate, nowNanos);
    }

    /** How many bytes to write at a time under the cap in force, so the cap is smooth rather than lumpy. */
    int slice(int remaining) {
        long rate = faults().bytesPerSecond();
        if (rate == LinkFaults.NO_CAP) {
            return remaining;
        }
        return (int) Math.min(remaining, Math.max(512, rate / 50));
    }
}
