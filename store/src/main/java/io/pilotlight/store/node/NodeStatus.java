package io.pilotlight.store.node;

import java.util.Map;

/**
 * A node as an operator sees it. On the writer, {@code replicas} gives each replica's lag: the RPO a
 * failover would cost right now. On a replica, {@code lagEntries}/{@code lagMillis} say how stale its reads are.
 * {@code lastIndex} and {@code lastEpoch} are where its log ends (logs compare by epoch, then index);
 * {@code promotable} says whether it would promote itself when the lease is free; {@code decision} is
 * its supervisor's latest decision and the reason. {@code streaming} is false on a replica that is not
 * receiving a writer's log right now: its lag figures are then only as of {@code lastContactMillis}.
 */
public record NodeStatus(String region, Role role, long epoch, String writerRegion, long lastIndex, long lastEpoch, boolean leaseValid,
                         boolean fenced, Map<String, ReplicaLag> replicas, long lagEntries, long lagMillis,
                         long lastContactMillis, String lastError, int lostWrites, boolean autoFailover, boolean promotable,
                         String decision, boolean streaming) {

    public record ReplicaLag(long durableIndex, long lagEntries, long lagMillis, long lastSeenMillis) {
    }
}
