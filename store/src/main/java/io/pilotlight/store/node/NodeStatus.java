package io.pilotlight.store.node;

import java.util.Map;

/**
 * A node as an operator sees it. On the writer, {@code replicas} gives each replica's lag: the RPO a
 * failover would cost right now. On a replica, {@code lagEntries}/{@code lagMillis} say how stale its reads are.
 */
public record NodeStatus(String region, Role role, long epoch, String writerRegion, long lastIndex, boolean leaseValid,
                         boolean fenced, Map<String, ReplicaLag> replicas, long lagEntries, long lagMillis,
                         long lastContactMillis, String lastError, int lostWrites) {

    public record ReplicaLag(long durableIndex, long lagEntries, long lagMillis, long lastSeenMillis) {
    }
}
