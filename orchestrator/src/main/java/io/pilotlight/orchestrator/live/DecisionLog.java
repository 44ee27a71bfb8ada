package io.pilotlight.orchestrator.live;

import io.pilotlight.orchestrator.decide.Action;
import io.pilotlight.orchestrator.decide.Decision;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Logs a decision only when it changes: the controller decides every tick, and a primary confirmed
 * lost for a 2 min decision delay would otherwise log the same CONFIRMING line hundreds of times.
 * A decision is the same as the last one when its action, its target and its reason's words are;
 * the durations in a reason ("unhealthy for 12s", "250ms behind") grow every tick and do not count.
 * A FAIL_OVER is an act, not a state: each one is logged.
 */
final class DecisionLog {
    /** A duration as {@code Durations.format} writes it: 250ms, 12s, 2m, 1h30m, 18s800ms. */
    private static final Pattern DURATION = Pattern.compile("\\d+(?:\\.\\d+)?(?:ms|[smhd])(?:\\d+(?:\\.\\d+)?(?:ms|[smhd]))*\\b");

    private final Consumer<String> log;
    private String last;

    DecisionLog(Consumer<String> log) {
        this.log = log;
    }

    /** @return whether the decision was logged */
    boolean record(Decision decision) {
        String key = decision.action() + " " + decision.target() + " " + DURATION.matcher(decision.reason()).replaceAll("#");
        if (decision.action() != Action.FAIL_OVER && Objects.equals(key, last)) {
            return false;
        }
        last = key;
        log.accept("decision " + decision.action() + ": " + decision.reason());
        return true;
    }
}
