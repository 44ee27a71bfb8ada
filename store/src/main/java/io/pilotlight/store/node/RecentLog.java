package io.pilotlight.store.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest log entries, as encoded in the log, kept in memory: the writer's replication stream
 * serves a replica that keeps up from here instead of opening a RocksDB iterator for every frame.
 * Bounded by entries and bytes; an index it no longer holds is read from RocksDB as before.
 */
final class RecentLog {
    private final byte[][] ring;
    private final long maxBytes;
    /** Index of the oldest entry held, and the index after the newest: empty when equal. */
    private long first;
    private long next;
    private long bytes;

    RecentLog(int maxEntries, long maxBytes, long nextIndex) {
        this.ring = new byte[maxEntries][];
        this.maxBytes = maxBytes;
        this.first = nextIndex;
        this.next = nextIndex;
    }

    /** Records entries appended from {@code firstIndex} on; a gap or overlap starts the cache afresh there. */
    synchronized void appended(long firstIndex, List<byte[]> encoded) {
        if (firstIndex != next) {
            clear(firstIndex);
        }
        for (byte[] entry : encoded) {
            if (next - first == ring.length) {
                evictOldest();
            }
            ring[slot(next)] = entry;
            bytes += entry.length;
            next++;
        }
        while (bytes > maxBytes && next - first > 1) {
            evictOldest();
        }
    }

    /** Up to {@code max} entries from {@code from} on, or null when {@code from} is not held (older, or not yet appended). */
    synchronized List<byte[]> since(long from, int max) {
        if (from < first || from >= next) {
            return null;
        }
        int count = (int) Math.min(max, next - from);
        List<byte[]> out = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) {
            out.add(ring[slot(i)]);
        }
        return out;
    }

    /** Forgets everything (a rollback rewrote the log from {@code nextIndex}). */
    synchronized void clear(long nextIndex) {
        while (next > first) {
            evictOldest();
        }
        first = nextIndex;
        next = nextIndex;
    }

    private void evictOldest() {
        int slot = slot(first);
        bytes -= ring[slot].length;
        ring[slot] = null;
        first++;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) ring.length);
    }
}
