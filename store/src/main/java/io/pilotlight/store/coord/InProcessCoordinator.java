package io.pilotlight.store.coord;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Leases on one clock, in memory, optionally kept in a state file so that a restart keeps the
 * epoch and the holder: after a restart the last holder's lease counts as live for one more lease
 * period (it may be renewing it right now), so neither a second writer nor an older epoch can
 * appear. Thread-safe.
 */
public final class InProcessCoordinator implements Coordinator {
    private final Clock clock;
    private final CoordinatorStateFile file;
    private String holder;
    private long epoch;
    private long expiresAt;
    private long ttlMillis;
    private boolean released;
    private String successor;
    private long reservedUntil;

    public InProcessCoordinator(Clock clock) {
        this.clock = clock;
        this.file = null;
    }

    /** A coordinator whose epoch and holder survive restarts in {@code stateFile} (created when missing). */
    public InProcessCoordinator(Clock clock, Path stateFile) {
        this.clock = clock;
        this.file = new CoordinatorStateFile(stateFile);
        CoordinatorStateFile.State saved = file.load();
        if (saved != null) {
            holder = saved.holder();
            epoch = saved.epoch();
            ttlMillis = saved.ttlMillis();
            released = saved.released();
            expiresAt = holder == null || released ? 0 : clock.millis() + ttlMillis;
        }
    }

    @Override
    public synchronized LeaseGrant acquire(String region, Duration ttl, long atLeastEpoch) {
        long now = clock.millis();
        if (live(now) && !region.equals(holder)) {
            return new LeaseGrant(false, epoch, holder, expiresAt, holder + " holds the lease at epoch " + epoch
                    + " for another " + (expiresAt - now) + "ms");
        }
        if (live(now)) {
            expiresAt = now + ttl.toMillis(); // the holder asking again keeps its epoch
            return new LeaseGrant(true, epoch, holder, expiresAt, "already held; renewed");
        }
        if (successor != null && now < reservedUntil && !region.equals(successor)) {
            return new LeaseGrant(false, epoch, holder, reservedUntil, "a switchover handed the lease to " + successor
                    + "; only it may take it for another " + (reservedUntil - now) + "ms");
        }
        long granted = Math.max(epoch, atLeastEpoch) + 1;
        if (file != null) {
            file.save(new CoordinatorStateFile.State(granted, region, ttl.toMillis(), false)); // on disk before anyone hears of it
        }
        holder = region;
        epoch = granted;
        ttlMillis = ttl.toMillis();
        expiresAt = now + ttl.toMillis();
        released = false;
        successor = null;
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
    public synchronized void release(String region, long atEpoch, String to) {
        if (region.equals(holder) && atEpoch == epoch && !released) {
            released = true;
            successor = to;
            reservedUntil = clock.millis() + Math.max(ttlMillis, 1);
            if (file != null) {
                file.save(new CoordinatorStateFile.State(epoch, holder, ttlMillis, true));
            }
        }
    }

    @Override
    public synchronized LeaseInfo current() {
        long now = clock.millis();
        return new LeaseInfo(holder, epoch, expiresAt, live(now), successor != null && now < reservedUntil ? successor : null);
    }

    private boolean live(long now) {
        return holder != null && !released && now < expiresAt;
    }
}
