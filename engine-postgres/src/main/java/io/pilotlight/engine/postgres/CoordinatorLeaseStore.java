package io.pilotlight.engine.postgres;

import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.LeaseGrant;
import io.pilotlight.store.coord.LeaseInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The writer lease in a coordinator shared by processes and machines: {@code pilotlight store coordinator} (the lab) or
 * etcd (agents), the same ones the embedded store's writers use. The coordinator picks each epoch (one above every epoch
 * it granted); the engine asks for the epoch it expects and gives back a grant at any other.
 */
final class CoordinatorLeaseStore implements LeaseStore {
    private final Coordinator coordinator;
    private final String where;

    CoordinatorLeaseStore(Coordinator coordinator, String where) {
        this.coordinator = coordinator;
        this.where = where;
    }

    @Override
    public WriterLease current() throws IOException {
        LeaseInfo info = coordinator.current();
        if (!info.reachable()) {
            throw new IOException("the coordinator at " + where + " cannot be reached");
        }
        // released (a switchover's hand-over) counts as lapsed: only the successor may take it, and the coordinator enforces that
        return new WriterLease(info.holder() == null ? "" : info.holder(), info.epoch(),
                info.live() ? Instant.ofEpochMilli(info.expiresAtMillis()) : Instant.EPOCH);
    }

    @Override
    public boolean acquire(String region, long epoch, Duration ttl) throws IOException {
        return granted(region, epoch, coordinator.acquire(region, ttl, epoch - 1));
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        return coordinator.renew(region, epoch, ttl);
    }

    @Override
    public boolean transfer(String from, String to, long epoch, Duration ttl) throws IOException {
        coordinator.release(from, epoch - 1, to);
        return granted(to, epoch, coordinator.acquire(to, ttl, epoch - 1));
    }

    private boolean granted(String region, long epoch, LeaseGrant grant) throws IOException {
        if (!grant.granted()) {
            if (grant.reason() != null && grant.reason().startsWith("coordinator unreachable")) {
                throw new IOException(grant.reason());
            }
            return false;
        }
        if (grant.epoch() != epoch) {
            coordinator.release(region, grant.epoch(), null); // not the epoch the engine fences by: give it back at once
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "the coordinator at " + where;
    }
}
