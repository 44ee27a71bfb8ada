package io.pilotlight.dns.control;

import io.pilotlight.dns.RoutingState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Operator switches on record set members, like Route 53 ARC routing controls. A change is refused
 * when it would break a safety rule or comes within the wait period of the control's last change
 * (anti-flap). State is saved on every change and survives a restart.
 */
public final class RoutingControls implements RoutingState {
    private final Set<String> known;
    private final List<SafetyRule> rules;
    private final Duration waitPeriod;
    private final Clock clock;
    private final ControlStore store;
    private final Map<String, ControlState> states;
    private final List<Consumer<ChangeDecision>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param controls   every control that exists (record set member ids, {@code name/set_identifier})
     * @param stateFile  where state is kept; {@code null} keeps it in memory only
     */
    public RoutingControls(Collection<String> controls, List<SafetyRule> rules, Duration waitPeriod, Path stateFile, Clock clock) {
        this.known = Set.copyOf(controls);
        this.rules = List.copyOf(rules);
        this.waitPeriod = waitPeriod;
        this.clock = clock;
        this.store = new ControlStore(stateFile);
        Map<String, ControlState> loaded = store.load();
        this.states = new LinkedHashMap<>();
        for (String control : controls) {
            ControlState saved = loaded.get(control);
            states.put(control, saved != null ? saved : new ControlState(control, true, null, null, null));
        }
    }

    @Override
    public synchronized boolean isOn(String control) {
        ControlState state = states.get(control);
        return state == null || state.on();
    }

    public synchronized List<ControlState> list() {
        return List.copyOf(states.values());
    }

    public List<SafetyRule> rules() {
        return rules;
    }

    public void subscribe(Consumer<ChangeDecision> listener) {
        listeners.add(listener);
    }

    /** Applies the change if every rule still holds afterwards and the wait period has passed. */
    public ChangeDecision set(String control, boolean on, String who, String why) {
        ChangeDecision decision;
        synchronized (this) {
            decision = decide(control, on);
            if (decision.applied()) {
                Map<String, ControlState> next = new LinkedHashMap<>(states);
                next.put(control, new ControlState(control, on, clock.instant(), who, why));
                store.save(next);
                states.clear();
                states.putAll(next);
            }
        }
        ChangeDecision done = decision;
        listeners.forEach(l -> l.accept(done));
        return decision;
    }

    private ChangeDecision decide(String control, boolean on) {
        if (!known.contains(control)) {
            return new ChangeDecision(false, control, on, "no routing control \"" + control + "\"; known: " + String.join(", ", known));
        }
        ControlState current = states.get(control);
        if (current.on() == on) {
            return new ChangeDecision(true, control, on, "already " + (on ? "on" : "off") + "; nothing changed");
        }
        Instant now = clock.instant();
        if (current.changedAt() != null && !waitPeriod.isZero()) {
            Duration since = Duration.between(current.changedAt(), now);
            if (since.compareTo(waitPeriod) < 0) {
                return new ChangeDecision(false, control, on, "changed " + since.toSeconds() + "s ago; the wait period is "
                        + waitPeriod.toSeconds() + "s, try again in " + waitPeriod.minus(since).toSeconds() + "s");
            }
        }
        List<String> broken = new ArrayList<>();
        for (SafetyRule rule : rules) {
            if (rule.controls().contains(control) && !rule.holds(c -> c.equals(control) ? on : isOn(c))) {
                broken.add(rule.name() + " (at least " + rule.minOn() + " of " + rule.controls() + " on)");
            }
        }
        if (!broken.isEmpty()) {
            return new ChangeDecision(false, control, on, "refused: it would break " + String.join("; ", broken));
        }
        return new ChangeDecision(true, control, on, "switched " + (on ? "on" : "off"));
    }
}
