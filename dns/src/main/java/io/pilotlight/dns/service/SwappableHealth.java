package io.pilotlight.dns.service;

import io.pilotlight.health.HealthEvent;
import io.pilotlight.health.HealthStatus;
import io.pilotlight.health.HealthView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A health view whose source can be replaced on reload; subscribers stay subscribed across the swap. */
final class SwappableHealth implements HealthView {
    private final List<Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile HealthView current;

    SwappableHealth(HealthView initial) {
        swap(initial);
    }

    void swap(HealthView next) {
        HealthView previous = current;
        current = next;
        next.subscribe(event -> {
            if (current == next) {
                listeners.forEach(l -> l.accept(event));
            }
        });
        if (previous != null) {
            HealthEvent swapped = new HealthEvent(java.time.Instant.now(), "*", HealthEvent.AGGREGATE, null, null, null,
                    "health checks reloaded");
            listeners.forEach(l -> l.accept(swapped));
        }
    }

    HealthView current() {
        return current;
    }

    @Override
    public HealthStatus status(String check) {
        return current.status(check);
    }

    @Override
    public Map<String, HealthStatus> snapshot() {
        return current.snapshot();
    }

    @Override
    public void subscribe(Consumer<HealthEvent> listener) {
        listeners.add(listener);
    }
}
