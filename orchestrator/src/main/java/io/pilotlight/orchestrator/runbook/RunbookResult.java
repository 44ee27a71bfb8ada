package io.pilotlight.orchestrator.runbook;

import java.time.Duration;
import java.util.List;

/** How a runbook run ended, with each step's timing. */
public record RunbookResult(String runbook, boolean completed, List<StepTiming> steps, String failure) {

    /** A step's outcome; {@code resumed} when a previous, crashed run had already done it. */
    public record StepTiming(int step, String description, Duration expected, Duration took, boolean resumed, String outcome) {
    }
}
