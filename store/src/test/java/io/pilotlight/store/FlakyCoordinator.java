package io.pilotlight.store;

import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.LeaseGrant;
import io.pilotlight.store.coord.LeaseInfo;
import java.time.Duration;

/** One node's view of the shared coordinator, which a test can cut off as a network partition would. */
final class FlakyCoordinator implements Coordinator {
    private volatile Coordinator shared;
    private volatile boolean cutOff;
    private volatile boolean deluded;

    FlakyCoordinator(Coordinator shared) {
        this.shared = shared;
    }

    /** Points this link at another coordinator (e.g. one restarted from the same state file). */
    void reconnect(Coordinator restarted) {
        this.shared = restarted;
    }

    void cutOff(boolean cut) {
        this.cutOff = cut;
    }

    /** Renewals "succeed" without reaching the coordinator: a writer that believes in a lease it has lost (a bug, a paused clock). */
    void deluded(boolean believe) {
        this.deluded = believe;
    }

    @Override
    public LeaseGrant acquire(String region, Duration ttl, long atLeastEpoch) {
        return cutOff ? new LeaseGrant(false, 0, null, 0, "coordinator unreachable (partition)") : shared.acquire(region, ttl, atLeastEpoch);
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        return deluded || (!cutOff && shared.renew(region, epoch, ttl));
    }

    @Override
    public void release(String region, long epoch, String successor) {
        if (!cutOff) {
            shared.release(region, epoch, successor);
        }
    }

    @Override
    public LeaseInfo current() {
        return cutOff ? LeaseInfo.UNREACHABLE : shared.current();
    }
}
