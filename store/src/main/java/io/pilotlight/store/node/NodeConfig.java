package io.pilotlight.store.node;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.Coordinator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a store node needs, validated here once.
 *
 * @param peers         base URL of every node by region, this one included
 * @param initialWriter the region that takes the lease when the cluster has never had a writer
 * @param lagBound      RPO guard: block commits while no replica is within this lag; null for none
 * @param guardTimeout  how long a commit may wait for the RPO guard or sync replication before failing
 * @param autoFailover  promote this replica by itself when the writer's lease lapses and it is the most up to date
 */
public record NodeConfig(String region, Path dataDir, InetSocketAddress listen, Map<String, String> peers, Coordinator coordinator,
                         Duration lease, ReplicationMode mode, Duration lagBound, Duration guardTimeout, boolean autoFailover,
                         String initialWriter, Clock clock) {
    public NodeConfig {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is required");
        }
        if (lease.compareTo(Duration.ofMillis(200)) < 0) {
            throw new IllegalArgumentException("lease " + lease + " is too short; allowed: at least 200ms");
        }
        if (!peers.containsKey(region)) {
            throw new IllegalArgumentException("peers must include this node's own region " + region + "; given " + peers.keySet());
        }
        peers = Map.copyOf(peers);
    }
}
