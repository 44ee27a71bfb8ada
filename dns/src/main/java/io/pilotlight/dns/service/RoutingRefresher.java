package io.pilotlight.dns.service;

import io.pilotlight.dns.control.RoutingControls;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Adopts routing-control changes other DNS servers made to a shared store, by polling it (simple,
 * and it survives the store's restarts and reconnections, which a watch would have to re-establish).
 * Only the current controls are refreshed: a reload replaces them.
 */
final class RoutingRefresher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.dns.control");
    private final ScheduledExecutorService timer;

    private RoutingRefresher(Supplier<RoutingControls> controls, Duration interval) {
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("dns-routing-refresh").daemon().factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                controls.get().refresh();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "routing controls: refreshing from the shared store failed; answers keep the last known state", e);
            }
        }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Polls at the store's refresh interval; {@code null} when the store has none (only this server writes it). */
    static RoutingRefresher start(Supplier<RoutingControls> controls) {
        Duration interval = controls.get().refreshInterval();
        return interval == null || interval.isZero() || interval.isNegative() ? null : new RoutingRefresher(controls, interval);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
