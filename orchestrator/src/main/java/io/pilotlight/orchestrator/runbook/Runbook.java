package io.pilotlight.orchestrator.runbook;

import io.pilotlight.topology.ResiliencePattern;
import java.time.Duration;
import java.util.List;

/**
 * The scripted recovery for one pattern, from one region to another, generated from the topology.
 *
 * @param id stable for the same topology name, kind, from and to, so a crashed controller finds its progress
 */
public record Runbook(String id, String purpose, ResiliencePattern pattern, String from, String to, List<Step> steps) {

    public Duration expectedTotal() {
        return steps.stream().map(Step::expected).reduce(Duration.ZERO, Duration::plus);
    }
}
