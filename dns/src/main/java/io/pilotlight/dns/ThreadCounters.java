package io.pilotlight.dns;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many queries each UDP thread took. Each counter has one writer, its thread, so adding is a plain
 * read and write with no atomic instruction; the counters sit a cache line pair apart so the threads
 * never share one.
 */
final class ThreadCounters {
    /** 16 longs = 128 bytes between two threads' counters. */
    private static final int STRIDE = 16;

    private final AtomicLongArray counts;
    private final int threads;

    ThreadCounters(int threads) {
        this.threads = threads;
        this.counts = new AtomicLongArray(threads * STRIDE);
    }

    /** From thread {@code thread} only. */
    void add(int thread, long queries) {
        int slot = thread * STRIDE;
        counts.setOpaque(slot, counts.getOpaque(slot) + queries);
    }

    long[] snapshot() {
        long[] snapshot = new long[threads];
        for (int i = 0; i < threads; i++) {
            snapshot[i] = counts.getOpaque(i * STRIDE);
        }
        return snapshot;
    }
}
