package io.pilotlight.store;

import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.LeaseGrant;
import io.pilotlight.store.coord.LeaseInfo;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The coordinator every node's link leads to, which a test can replace by a restarted one (same state file or none). */
final class SwappableCoordinator implements Coordinator {
    private final AtomicReference<Coordinator> current;

    SwappableCoordinator(Coordinator first) {
        this.current = new AtomicReference<>(first);
    }

    void swap(Coordinator restarted) {
        current.set(restarted);
    }

    Coordinator current0() {
        return current.get();
    }

    @Override
    public LeaseGrant acquire(String region, Duration ttl) {
        return current.get().acquire(region, ttl);
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        return current.get().renew(region, epoch, ttl);
    }

    @Override
    public void release(String region, long epoch) {
        current.get().release(region, epoch);
    }

    @Override
    public LeaseInfo current() {
        return current.get().current();
    }
}
