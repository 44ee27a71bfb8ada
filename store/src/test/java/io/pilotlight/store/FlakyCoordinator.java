package io.pilotlight.store;

import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.LeaseGrant;
import io.pilotlight.store.coord.LeaseInfo;
import java.time.Duration;

/** One node's view of the shared coordinator, which a test can cut off as a network partition would. */
final class FlakyCoordinator implements Coordinator {
    private final Coordinator shared;
    private volatile boolean cutOff;

    FlakyCoordinator(Coordinator shared) {
        this.shared = shared;
    }

    void cutOff(boolean cut) {
        this.cutOff = cut;
    }

    @Override
    public LeaseGrant acquire(String region, Duration ttl) {
        return cutOff ? new LeaseGrant(false, 0, null, 0, "coordinator unreachable (partition)") : shared.acquire(region, ttl);
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        return !cutOff && shared.renew(region, epoch, ttl);
    }

    @Override
    public void release(String region, long epoch) {
        if (!cutOff) {
            shared.release(region, epoch);
        }
    }

    @Override
    public LeaseInfo current() {
        return cutOff ? LeaseInfo.NONE : shared.current();
    }
}
