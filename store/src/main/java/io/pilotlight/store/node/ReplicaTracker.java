package io.pilotlight.store.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the writer knows of each replica: the log index it has made durable and when it last asked
 * for more. A replica reports its durable index with every log request.
 */
final class ReplicaTracker {
    record Progress(long durableIndex, long seenAtMillis) {
    }

    private final Map<String, Progress> replicas = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    void report(String region, long durableIndex, long nowMillis) {
        replicas.merge(region, new Progress(durableIndex, nowMillis),
                (old, now) -> new Progress(Math.max(old.durableIndex(), now.durableIndex()), now.seenAtMillis()));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    Map<String, Progress> snapshot() {
        return Map.copyOf(replicas);
    }

    long bestDurable() {
        return replicas.values().stream().mapToLong(Progress::durableIndex).max().orElse(0);
    }

    long durableOf(String region) {
        Progress progress = replicas.get(region);
        return progress == null ? 0 : progress.durableIndex();
    }

    /** Waits until some replica (or the given one) has made {@code index} durable; false on timeout. */
    boolean awaitDurable(String region, long index, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (changed) {
            while ((region == null ? bestDurable() : durableOf(region)) < index) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.min(left, 50));
            }
        }
        return true;
    }

    void forget() {
        replicas.clear();
    }
}
