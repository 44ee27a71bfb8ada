package io.pilotlight.store.coord;

import java.time.Clock;
import java.time.Duration;

/** Leases on one clock, in memory. Thread-safe. */
public final class InProcessCoordinator implements Coordinator {
    private final Clock clock;
    private String holder;
    private long epoch;
    private long expiresAt;
    private boolean released;

    public InProcessCoordinator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized LeaseGrant acquire(String region, Duration ttl) {
        long now = clock.millis();
        if (live(now) && !region.equals(holder)) {
            return new LeaseGrant(false, epoch, holder, expiresAt, holder + " holds the lease at epoch " + epoch
                    + " for another " + (expiresAt - now) + "ms");
        }
        if (live(now)) {
            expiresAt = now + ttl.toMillis(); // the holder asking again keeps its epoch
            return new LeaseGrant(true, epoch, holder, expiresAt, "already held; renewed");
        }
        holder = region;
        epoch++;
        expiresAt = now + ttl.toMillis();
        released = false;
        return new LeaseGrant(true, epoch, holder, expiresAt, "granted epoch " + epoch);
    }

    @Override
    public synchronized boolean renew(String region, long atEpoch, Duration ttl) {
        long now = clock.millis();
        if (!region.equals(holder) || atEpoch != epoch || !live(now)) {
            return false;
        }
        expiresAt = now + ttl.toMillis();
        return true;
    }

    @Override
    public synchronized void release(String region, long atEpoch) {
        if (region.equals(holder) && atEpoch == epoch) {
            released = true;
        }
    }

    @Override
    public synchronized LeaseInfo current() {
        long now = clock.millis();
        return new LeaseInfo(holder, epoch, expiresAt, live(now));
    }

    private boolean live(long now) {
        return holder != null && !released && now < expiresAt;
    }
}
