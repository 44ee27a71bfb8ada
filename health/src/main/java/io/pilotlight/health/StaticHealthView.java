package io.pilotlight.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A health view whose verdicts are set by hand: for routing tests, for {@code --no-health} modes
 * (every check healthy) and for operators forcing a verdict. Needs no network. Thread-safe;
 * listeners hear each change on the thread that made it.
 */
public final class StaticHealthView implements HealthView {
    private final HealthStatus fallback;
    private final Clock clock;
    private final Map<String, HealthStatus> statuses = new LinkedHashMap<>();
    private final List<Consumer<HealthEvent>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param fallback the verdict of a check never set: {@link HealthStatus#UNKNOWN} as
     *                 {@link HealthView} says, or HEALTHY for a view that trusts everything
     */
    public StaticHealthView(HealthStatus fallback, Clock clock) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks never set are UNKNOWN. */
    public StaticHealthView() {
        this(HealthStatus.UNKNOWN, Clock.systemUTC());
    }

    /** Every check is healthy unless set otherwise: what routing sees with health checking off. */
    public static StaticHealthView allHealthy() {
        return new StaticHealthView(HealthStatus.HEALTHY, Clock.systemUTC());
    }

    /** Starts with these verdicts; checks not named are UNKNOWN. */
    public static StaticHealthView of(Map<String, HealthStatus> statuses) {
        StaticHealthView view = new StaticHealthView();
        statuses.forEach(view::set);
        return view;
    }

    /** Sets a verdict; listeners hear the change (if it is one) with the reason "set by hand". */
    public StaticHealthView set(String check, HealthStatus status) {
        return set(check, status, "set by hand");
    }

    public StaticHealthView set(String check, HealthStatus status, String reason) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        HealthStatus before;
        synchronized (statuses) {
            before = statuses.getOrDefault(check, fallback);
            statuses.put(check, status);
        }
        if (before != status) {
            HealthEvent event = new HealthEvent(clock.instant(), check, HealthEvent.AGGREGATE, before, status, null, reason);
            listeners.forEach(listener -> listener.accept(event));
        }
        return this;
    }

    @Override
    public HealthStatus status(String check) {
        synchronized (statuses) {
            return statuses.getOrDefault(check, fallback);
        }
    }

    /** The checks set so far (a fallback verdict has no list of names). */
    @Override
    public Map<String, HealthStatus> snapshot() {
        synchronized (statuses) {
            return Map.copyOf(statuses);
        }
    }

    @Override
    public void subscribe(Consumer<HealthEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
