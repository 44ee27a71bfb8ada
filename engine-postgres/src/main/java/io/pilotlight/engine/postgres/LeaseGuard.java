package io.pilotlight.engine.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Holds the writer lease for one PostgreSQL primary: every quarter lease it renews the lease while its
 * server answers as a primary, and when it has gone a whole lease (minus a margin for clock drift)
 * without a renewal it fences the server (stopped at once, marked so it never starts as a primary on
 * its own). Its lease is valid on its own clock until its last successful renewal's start plus the
 * lease minus the margin; a promotion elsewhere waits until the lease's expiry plus the margin.
 */
final class LeaseGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseGuard.class.getName());

    interface Fence {
        void fence(String why);
    }

    private final String region;
    private final long epoch;
    private final LeaseStore leases;
    private final Duration ttl;
    private final Clock clock;
    private final BooleanSupplier serverIsPrimary;
    private final Fence fence;
    private final Thread thread;
    private volatile Instant validUntil;
    private volatile boolean running = true;
    private volatile String fencedBecause;
    private volatile boolean fencing;

    LeaseGuard(String region, long epoch, Instant acquiredAt, LeaseStore leases, Duration ttl, Clock clock, BooleanSupplier serverIsPrimary,
               Fence fence) {
        this.region = region;
        this.epoch = epoch;
        this.leases = leases;
        this.ttl = ttl;
        this.clock = clock;
        this.serverIsPrimary = serverIsPrimary;
        this.fence = fence;
        this.validUntil = acquiredAt.plus(ttl).minus(margin(ttl));
        this.thread = Thread.ofPlatform().daemon().name("pg-lease-guard-" + region).start(this::loop);
    }

    /** The clock-drift margin: a quarter lease. */
    static Duration margin(Duration ttl) {
        return ttl.dividedBy(4);
    }

    long epoch() {
        return epoch;
    }

    String region() {
        return region;
    }

    /** Why it fenced its server; null while it has not. */
    String fencedBecause() {
        return fencedBecause;
    }

    private void loop() {
        Duration period = ttl.dividedBy(4);
        while (running) {
            Instant start = clock.instant();
            boolean renewed = false;
            String why = "";
            try {
                if (serverIsPrimary.getAsBoolean()) {
                    renewed = leases.renew(region, epoch, ttl);
                    why = renewed ? "" : "the lease store refused the renewal (another region holds the lease or it lapsed)";
                } else {
                    why = "its server does not answer as a primary";
                }
            } catch (Exception e) {
                why = "the lease store cannot be reached: " + e.getMessage();
            }
            if (renewed) {
                validUntil = start.plus(ttl).minus(margin(ttl));
            } else if (!clock.instant().isBefore(validUntil) && running) {
                fencedBecause = "the writer lease of " + region + " (epoch " + epoch + ") was not renewed in time: " + why;
                LOG.warning(region + ": FENCE: " + fencedBecause);
                fencing = true;
                running = false;
                try {
                    fence.fence(fencedBecause);
                } catch (RuntimeException e) {
                    LOG.severe(region + ": fencing failed: " + e.getMessage());
                }
                return;
            }
            sleep(period);
        }
    }

    private void sleep(Duration period) {
        try {
            Thread.sleep(period);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops renewing without fencing (a switchover hands the lease over; the engine closes); a fence under way finishes first. */
    @Override
    public void close() {
        running = false;
        if (!fencing) {
            thread.interrupt();
        }
        try {
            thread.join(ttl.toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
