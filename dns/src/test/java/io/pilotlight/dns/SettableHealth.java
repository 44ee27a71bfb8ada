package io.pilotlight.dns;

import io.pilotlight.health.HealthEvent;
import io.pilotlight.health.HealthStatus;
import io.pilotlight.health.HealthView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Health set by the test, for routing tests; the real checkers are tested in the health module and end to end. */
final class SettableHealth implements HealthView {
    private final Map<String, HealthStatus> statuses = new ConcurrentHashMap<>();
    private final List<Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();

    SettableHealth set(String check, HealthStatus status) {
        HealthStatus before = statuses.put(check, status);
        HealthEvent event = new HealthEvent(Instant.now(), check, HealthEvent.AGGREGATE, before, status, null, "set by test");
        listeners.forEach(l -> l.accept(event));
        return this;
    }

    @Override
    public HealthStatus status(String check) {
        return statuses.getOrDefault(check, HealthStatus.HEALTHY);
    }

    @Override
    public Map<String, HealthStatus> snapshot() {
        return Map.copyOf(statuses);
    }

    @Override
    public void subscribe(Consumer<HealthEvent> listener) {
        listeners.add(listener);
    }
}
