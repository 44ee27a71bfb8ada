package io.pilotlight.engine.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private String lastWhy = "";

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

    boolean running() {
        return running;
    }

    /** Why it fenced its server; null while it has not. */
    String fencedBecause() {
        return fencedBecause;
    }

    private void loop() {
        Duration period = ttl.dividedBy(4);
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor()) {
            while (running) {
                Instant start = clock.instant();
                String why = attempt(attempts);
                if (why.startsWith("timed out") && !lastWhy.isEmpty()) {
                    why = lastWhy; // the last attempt before the lease's end had no time left: the reason is the one before
                }
                lastWhy = why;
                if (why.isEmpty()) {
                    validUntil = start.plus(ttl).minus(margin(ttl));
                } else if (!clock.instant().isBefore(validUntil) && running) {
                    fence(why);
                    return;
                }
                // the next attempt a quarter lease later, or at once when the lease would lapse before then
                Instant next = start.plus(period);
                if (!why.isEmpty() && validUntil.isBefore(next)) {
                    next = validUntil;
                }
                sleep(Duration.between(clock.instant(), next));
            }
        }
    }

    /**
     * One renewal, bounded by the lease's own validity: a server or lease store that hangs (a paused process, a cut
     * link) cannot hold the guard past the moment it must fence. Returns "" when renewed, else why not.
     */
    private String attempt(ExecutorService attempts) {
        Future<String> attempt = attempts.submit(() -> {
            if (!serverIsPrimary.getAsBoolean()) {
                return "its server does not answer as a primary";
            }
            return leases.renew(region, epoch, ttl) ? "" : "the lease store refused the renewal (another region holds the lease or it lapsed)";
        });
        long budget = Math.max(1, Duration.between(clock.instant(), validUntil).toMillis());
        try {
            return attempt.get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            return "timed out: neither its server nor the lease store answered before the lease's end";
        } catch (ExecutionException e) {
            return "the lease store cannot be reached: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            running = false;
            return "stopped";
        }
    }

    private void fence(String why) {
        fencedBecause = "the writer lease of " + region + " (epoch " + epoch + ") was not renewed in time: " + why;
        LOG.warning(region + ": FENCE: " + fencedBecause);
        fencing = true;
        running = false;
        try {
            fence.fence(fencedBecause);
        } catch (RuntimeException e) {
            LOG.severe(region + ": fencing failed: " + e.getMessage());
        }
    }

    private void sleep(Duration period) {
        if (period.isNegative() || period.isZero()) {
            return;
        }
        try {
            Thread.sleep(period);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Stops renewing and never fences from now on, without waiting for an attempt under way (a switchover's hand-over). */
    void stopRenewing() {
        running = false;
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
