package io.pilotlight.dns.control;

import io.pilotlight.dns.RoutingState;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Operator switches on record set members, like Route 53 ARC routing controls. A change is refused
 * when it would break a safety rule or comes within the wait period of the control's last change
 * (anti-flap). State is saved on every change and survives a restart.
 *
 * <p>With a shared {@link ControlStore} several DNS servers hold the same controls: a change is
 * decided on the store's latest state and written only if nobody wrote in between (else it is
 * decided again), so the rules hold across servers; {@link #refresh()} adopts changes others made.
 * Answers read the last adopted state without a lock, so a slow or unreachable store never holds
 * up a DNS answer.
 */
public final class RoutingControls implements RoutingState {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.dns.control");
    private static final int ATTEMPTS = 5;
    private final Set<String> known;
    private final List<SafetyRule> rules;
    private final Duration waitPeriod;
    private final Clock clock;
    private final ControlStore store;
    private final Object writing = new Object();
    private final List<Consumer<ChangeDecision>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, ControlState> states;
    private volatile long version;
    private boolean unreachable;

    /**
     * @param controls   every control that exists (record set member ids, {@code name/set_identifier})
     * @param stateFile  where state is kept; {@code null} keeps it in memory only
     */
    public RoutingControls(Collection<String> controls, List<SafetyRule> rules, Duration waitPeriod, Path stateFile, Clock clock) {
        this(controls, rules, waitPeriod, ControlStore.file(stateFile), clock);
    }

    /**
     * Controls whose state is kept in {@code store}, e.g. one shared with other DNS servers.
     *
     * @throws ControlStoreUnavailableException when the store does not answer and has no last known state to start from
     */
    public static RoutingControls withStore(Collection<String> controls, List<SafetyRule> rules, Duration waitPeriod, ControlStore store,
                                            Clock clock) {
        return new RoutingControls(controls, rules, waitPeriod, store, clock);
    }

    private RoutingControls(Collection<String> controls, List<SafetyRule> rules, Duration waitPeriod, ControlStore store, Clock clock) {
        this.known = Set.copyOf(controls);
        this.rules = List.copyOf(rules);
        this.waitPeriod = waitPeriod;
        this.clock = clock;
        this.store = store;
        ControlStore.Snapshot first;
        try {
            first = store.load();
        } catch (ControlStoreUnavailableException e) {
            first = store.lastKnown().orElseThrow(() -> e);
            unreachable = true;
            LOG.log(Level.WARNING, "routing controls: " + e.getMessage() + "; starting from the last known state (version "
                    + first.version() + ") until the store answers");
        }
        this.states = merge(controls, first.states());
        this.version = first.version();
    }

    @Override
    public boolean isOn(String control) {
        ControlState state = states.get(control);
        return state == null || state.on();
    }

    public List<ControlState> list() {
        return List.copyOf(states.values());
    }

    public List<SafetyRule> rules() {
        return rules;
    }

    /** The store's version of the state these answers come from. */
    public long version() {
        return version;
    }

    /** How often {@link #refresh()} should run: zero when only this server writes the store. */
    public Duration refreshInterval() {
        return store.refreshInterval();
    }

    public void subscribe(Consumer<ChangeDecision> listener) {
        listeners.add(listener);
    }

    /**
     * Applies the change if every rule still holds afterwards and the wait period has passed.
     *
     * @throws ControlStoreUnavailableException when the store does not answer: nothing changed, answers keep the last known state
     */
    public ChangeDecision set(String control, boolean on, String who, String why) {
        List<ChangeDecision> heard = new ArrayList<>();
        ChangeDecision decision = null;
        synchronized (writing) {
            for (int attempt = 0; attempt < ATTEMPTS && decision == null; attempt++) {
                ControlStore.Snapshot latest = store.load();
                heard.addAll(adopt(latest, "changed elsewhere"));
                ChangeDecision decided = decide(control, on);
                if (!decided.applied() || states.get(control).on() == on) {
                    decision = decided;
                    continue;
                }
                Map<String, ControlState> next = new LinkedHashMap<>(latest.states());
                next.put(control, new ControlState(control, on, clock.instant(), who, why));
                Optional<ControlStore.Snapshot> saved = store.save(next, latest.version());
                if (saved.isPresent()) {
                    adopt(saved.get(), null);
                    decision = decided;
                }
                // else another server wrote first: read its change and decide again
            }
            if (decision == null) {
                decision = new ChangeDecision(false, control, on, "refused: the shared routing state changed " + ATTEMPTS
                        + " times while this change was decided; routing unchanged, try again");
            }
            reachable();
        }
        heard.add(decision);
        heard.forEach(this::tell);
        return decision;
    }

    /**
     * Adopts changes others made to a shared store; each changed control is heard as an applied
     * decision. When the store does not answer, answers keep the last known state (said once in
     * the log, and again when it answers).
     *
     * @return the controls that changed
     */
    public List<ChangeDecision> refresh() {
        List<ChangeDecision> heard;
        synchronized (writing) {
            try {
                heard = store.changedSince(version).map(latest -> adopt(latest, "changed elsewhere")).orElse(List.of());
            } catch (ControlStoreUnavailableException e) {
                if (!unreachable) {
                    unreachable = true;
                    LOG.log(Level.WARNING, "routing controls: " + e.getMessage() + "; answers keep the last known state (version "
                            + version + ") until the store answers");
                }
                return List.of();
            }
            reachable();
        }
        heard.forEach(change -> LOG.log(Level.INFO, "routing control " + change.control() + ": " + change.reason()));
        heard.forEach(this::tell);
        return heard;
    }

    private void reachable() {
        if (unreachable) {
            unreachable = false;
            LOG.log(Level.INFO, "routing controls: the store answers again (version " + version + ")");
        }
    }

    /** Takes the stored states as the current ones; the controls whose state changed, as decisions to tell. */
    private List<ChangeDecision> adopt(ControlStore.Snapshot latest, String how) {
        Map<String, ControlState> next = merge(known, latest.states());
        List<ChangeDecision> changed = new ArrayList<>();
        if (how != null) {
            next.forEach((control, state) -> {
                if (state.on() != isOn(control)) {
                    String by = state.changedBy() == null ? "" : " by " + state.changedBy();
                    String why = state.reason() == null ? "" : ": " + state.reason();
                    changed.add(new ChangeDecision(true, control, state.on(), "switched " + (state.on() ? "on" : "off") + " "
                            + how + by + why));
                }
            });
        }
        states = next;
        version = latest.version();
        return changed;
    }

    private static Map<String, ControlState> merge(Collection<String> controls, Map<String, ControlState> stored) {
        Map<String, ControlState> merged = new LinkedHashMap<>();
        for (String control : controls) {
            ControlState saved = stored.get(control);
            merged.put(control, saved != null ? saved : new ControlState(control, true, null, null, null));
        }
        return java.util.Collections.unmodifiableMap(merged);
    }

    private void tell(ChangeDecision decision) {
        listeners.forEach(l -> l.accept(decision));
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
