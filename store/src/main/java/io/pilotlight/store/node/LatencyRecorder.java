package io.pilotlight.store.node;

import io.pilotlight.store.log.LogEntry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Replication lag of every applied entry (apply time minus commit time, same machine clock), as a
 * histogram in milliseconds, for benchmarks and the status API. Only meaningful when writer and
 * replica share a clock, as in the lab.
 */
public final class LatencyRecorder {
    private static final int BUCKETS = 10_001;
    private static final AtomicLongArray HISTOGRAM = new AtomicLongArray(BUCKETS);

    private LatencyRecorder() {
    }

    static void record(List<LogEntry> entries, long appliedAt) {
        for (LogEntry entry : entries) {
            int lag = (int) Math.min(BUCKETS - 1, Math.max(0, appliedAt - entry.commitTime()));
            HISTOGRAM.incrementAndGet(lag);
        }
    }

    /** The lag in ms below which {@code fraction} of the recorded entries fall. */
    public static long percentile(double fraction) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += HISTOGRAM.get(i);
        }
        long wanted = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += HISTOGRAM.get(i);
            if (seen >= wanted && total > 0) {
                return i;
            }
        }
        return 0;
    }

    public static void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            HISTOGRAM.set(i, 0);
        }
    }
}
