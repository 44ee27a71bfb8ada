package io.pilotlight.store.node;

import io.pilotlight.store.StoreException;
import java.time.Clock;
import java.time.Duration;

/**
 * The optional bound on replica lag: while no replica is within it, commits wait, and fail with a
 * clear error after the timeout. Without a bound it never blocks.
 */
final class RpoGuard {
    private final Duration bound;
    private final ReplicaTracker tracker;
    private final RocksStore store;
    private final Clock clock;

    RpoGuard(Duration bound, ReplicaTracker tracker, RocksStore store, Clock clock) {
        this.bound = bound;
        this.tracker = tracker;
        this.store = store;
        this.clock = clock;
    }

    /** Lag in ms of a replica that has made {@code durable} durable: how old the oldest entry it lacks is. */
    long lagMillis(long durable) {
        if (durable >= store.lastIndex()) {
            return 0;
        }
        var missing = store.entry(durable + 1);
        return missing == null ? 0 : Math.max(0, clock.millis() - missing.commitTime());
    }

    /** Null when some replica is within the bound (or there is no bound), else the error after waiting. */
    RuntimeException awaitWithinBound(Duration timeout) throws InterruptedException {
        if (bound == null) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long best = tracker.snapshot().values().stream().mapToLong(p -> lagMillis(p.durableIndex())).min().orElse(Long.MAX_VALUE);
            if (best <= bound.toMillis()) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                return new StoreException("RPO guard: no replica is within the lag bound of " + bound.toMillis() + "ms (best: "
                        + (best == Long.MAX_VALUE ? "no replica connected" : best + "ms") + ") for " + timeout.toMillis()
                        + "ms; the write was not committed. Bring a replica back or raise the bound.");
            }
            Thread.sleep(10);
        }
    }
}
