package io.pilotlight.health;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last {@code capacity} state changes, in order, and the listeners that hear each one as it
 * happens: some only want the aggregate verdicts (routing), some every checker's view too.
 * Every event is also logged with its reason and evidence.
 */
final class EventLog {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.health");
    private final int capacity;
    private final ArrayDeque<HealthEvent> events;
    private final List<Consumer<HealthEvent>> aggregateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<HealthEvent>> allListeners = new CopyOnWriteArrayList<>();

    EventLog(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Starts with events recorded elsewhere (the monitor this one replaces), oldest first; not published again. */
    void seed(List<HealthEvent> earlier) {
        synchronized (events) {
            earlier.stream().skip(Math.max(0, earlier.size() - capacity)).forEach(events::addLast);
        }
    }

    void subscribeAggregate(Consumer<HealthEvent> listener) {
        aggregateListeners.add(listener);
    }

    void subscribeAll(Consumer<HealthEvent> listener) {
        allListeners.add(listener);
    }

    /** Records the event and tells the listeners, on the caller's thread. */
    void publish(HealthEvent event) {
        synchronized (events) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        LOG.log(Level.INFO, () -> describe(event));
        if (HealthEvent.AGGREGATE.equals(event.vantage())) {
            aggregateListeners.forEach(listener -> deliver(listener, event));
        }
        allListeners.forEach(listener -> deliver(listener, event));
    }

    /** The recorded events, oldest first. */
    List<HealthEvent> recent() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private static void deliver(Consumer<HealthEvent> listener, HealthEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "a health event listener failed on " + event.check() + "; the monitor carries on", failure);
        }
    }

    static String describe(HealthEvent event) {
        String evidence = event.evidence() == null ? "" : " [" + event.evidence().describe() + "]";
        return "health check " + event.check() + " (" + event.vantage() + "): " + ThresholdMachine.name(event.from())
                + " -> " + ThresholdMachine.name(event.to()) + ": " + event.reason() + evidence;
    }
}
