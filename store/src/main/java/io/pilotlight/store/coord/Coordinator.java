package io.pilotlight.store.coord;

import java.time.Duration;

/**
 * Leases and epochs for the single writer. Implementations: {@link InProcessCoordinator} (one JVM,
 * or behind {@link CoordinatorServer} for several processes); an etcd one can follow. Epochs only
 * grow, across restarts too: a grant's epoch is above every epoch granted before and above the
 * floor the asking node has already seen.
 */
public interface Coordinator {
    /**
     * Grants the lease to {@code region} with a new epoch, greater than any granted before and than
     * {@code atLeastEpoch}, when nobody holds a live lease and no switchover reserved it for another
     * region; a new writer is therefore promoted only after the old lease has lapsed or been released.
     */
    LeaseGrant acquire(String region, Duration ttl, long atLeastEpoch);

    default LeaseGrant acquire(String region, Duration ttl) {
        return acquire(region, ttl, 0);
    }

    /** Extends the lease if {@code region} still holds it at {@code epoch}; false when it has lost it. */
    boolean renew(String region, long epoch, Duration ttl);

    /**
     * Gives the lease up at once, if held at that epoch. With a {@code successor} (a planned
     * switchover) only that region may take it during the next lease period, so no other replica
     * slips in between the hand-over and the target's promotion.
     */
    void release(String region, long epoch, String successor);

    default void release(String region, long epoch) {
        release(region, epoch, null);
    }

    /** Who holds the lease; {@link LeaseInfo#UNREACHABLE} when the coordinator cannot be asked. */
    LeaseInfo current();
}
