package io.pilotlight.orchestrator.runbook;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a runbook: what it does, on what (params), and how long the planner expects it to take.
 *
 * @param number 1-based position; progress is kept by step number
 */
public record Step(int number, StepKind kind, String description, Map<String, String> params, Duration expected) {
    public Step {
        params = Map.copyOf(params);
    }
}
