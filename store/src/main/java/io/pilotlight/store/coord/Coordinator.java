package io.pilotlight.store.coord;

import java.time.Duration;

/**
 * Leases and epochs for the single writer. Implementations: {@link InProcessCoordinator} (one JVM,
 * or behind {@link CoordinatorServer} for several processes); an etcd one can follow.
 */
public interface Coordinator {
    /**
     * Grants the lease to {@code region} with a new epoch when nobody holds a live lease; a new
     * writer is therefore promoted only after the old lease has lapsed or been released.
     */
    LeaseGrant acquire(String region, Duration ttl);

    /** Extends the lease if {@code region} still holds it at {@code epoch}; false when it has lost it. */
    boolean renew(String region, long epoch, Duration ttl);

    /** Gives the lease up at once (planned switchover), if held at that epoch. */
    void release(String region, long epoch);

    LeaseInfo current();
}
