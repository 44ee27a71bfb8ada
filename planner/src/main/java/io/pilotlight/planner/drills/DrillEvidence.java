package io.pilotlight.planner.drills;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The drills that ran and the instant "now", so that whether a plan is tested stays a pure function
 * (the caller reads the history and the clock). {@link #notConsulted()} when no history was given:
 * the planner then only checks that a schedule exists.
 */
public record DrillEvidence(List<DrillRun> runs, Instant now) {
    private static final DrillEvidence NOT_CONSULTED = new DrillEvidence(List.of(), null);

    public DrillEvidence {
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
    }

    public static DrillEvidence of(List<DrillRun> runs, Instant now) {
        return new DrillEvidence(runs, Objects.requireNonNull(now, "now"));
    }

    public static DrillEvidence notConsulted() {
        return NOT_CONSULTED;
    }

    public boolean consulted() {
        return now != null;
    }
}
