package io.pilotlight.dns;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per UDP thread: the queries it took and the receive calls that brought them (how full its batches
 * are). Each thread's pair has one writer, that thread, so counting is a plain read and write with no
 * atomic instruction, on one cache line; the pairs sit a cache line pair apart so the threads never
 * share one.
 */
final class ThreadCounters {
    /** 16 longs = 128 bytes between two threads' pairs. */
    private static final int STRIDE = 16;

    private final AtomicLongArray counts;
    private final int threads;

    ThreadCounters(int threads) {
        this.threads = threads;
        this.counts = new AtomicLongArray(threads * STRIDE);
    }

    /** From thread {@code thread} only: one receive call brought {@code queries}. */
    void received(int thread, long queries) {
        int slot = thread * STRIDE;
        counts.setOpaque(slot, counts.getOpaque(slot) + queries);
        counts.setOpaque(slot + 1, counts.getOpaque(slot + 1) + 1);
    }

    long[] queries() {
        return snapshot(0);
    }

    long[] receives() {
        return snapshot(1);
    }

    private long[] snapshot(int offset) {
        long[] snapshot = new long[threads];
        for (int i = 0; i < threads; i++) {
            snapshot[i] = counts.getOpaque(i * STRIDE + offset);
        }
        return snapshot;
    }
}
