package io.pilotlight.store.node;

import io.pilotlight.store.coord.Coordinator;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps the writer's lease: renews it every quarter lease, and judges it valid only until the
 * renewal's send time plus the lease minus a safety margin, on this node's monotonic clock. So the
 * writer stops acknowledging before the coordinator could grant the lease to anyone else.
 */
final class LeaseKeeper implements AutoCloseable {
    private final Coordinator coordinator;
    private final String region;
    private final long epoch;
    private final Duration lease;
    private final long marginNanos;
    private final Thread thread;
    /** This node's monotonic clock in nanoseconds (System::nanoTime; a fake one in tests). */
    private final LongSupplier ticker;
    private volatile long validUntilNanos;
    private volatile boolean running = true;

    LeaseKeeper(Coordinator coordinator, String region, long epoch, Duration lease, long grantedAtNanos) {
        this(coordinator, region, epoch, lease, grantedAtNanos, System::nanoTime);
    }

    /** @param grantedAtNanos when the acquire that granted the lease was sent, on {@code ticker} */
    LeaseKeeper(Coordinator coordinator, String region, long epoch, Duration lease, long grantedAtNanos, LongSupplier ticker) {
        this.ticker = ticker;
        this.coordinator = coordinator;
        this.region = region;
        this.epoch = epoch;
        this.lease = lease;
        this.marginNanos = Math.max(lease.toNanos() / 10, Duration.ofMillis(50).toNanos());
        this.validUntilNanos = grantedAtNanos + lease.toNanos() - marginNanos;
        this.thread = Thread.ofPlatform().daemon().name("lease-" + region).start(this::renewLoop);
    }

    private void renewLoop() {
        long period = Math.max(lease.toMillis() / 4, 20);
        while (running) {
            long sentAt = ticker.getAsLong();
            if (coordinator.renew(region, epoch, lease)) {
                validUntilNanos = sentAt + lease.toNanos() - marginNanos;
            } else if (ticker.getAsLong() - validUntilNanos > 0) {
                running = false; // lost for good: nobody renews an epoch once another was granted
                return;
            }
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    boolean valid() {
        return running && ticker.getAsLong() - validUntilNanos < 0;
    }

    long epoch() {
        return epoch;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
