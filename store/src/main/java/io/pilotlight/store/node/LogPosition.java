package io.pilotlight.store.node;

/**
 * Where a log ends: the epoch of its last entry and its index. Logs compare by epoch first, then
 * index, never by length alone: a shorter log that reached a newer epoch has seen a writer the
 * longer one never heard of, and everything the longer one has past the fork was never confirmed
 * by that newer writer.
 */
public record LogPosition(long epoch, long index) implements Comparable<LogPosition> {
    public static final LogPosition EMPTY = new LogPosition(0, 0);

    @Override
    public int compareTo(LogPosition other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(index, other.index);
    }

    public boolean isAfter(LogPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return "epoch " + epoch + " index " + index;
    }
}
