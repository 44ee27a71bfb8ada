package io.pilotlight.planner.drills;

import io.pilotlight.topology.DrillScenario;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The drills that ran and the instant "now", so that whether a plan is tested stays a pure function
 * (the caller reads the history and the clock). {@link #notConsulted()} when no history was given:
 * the planner then only checks that a schedule exists.
 *
 * @param scenario the scenario whose drills calibrate the expected RTO (region-outage unless the caller asks)
 */
public record DrillEvidence(List<DrillRun> runs, Instant now, DrillScenario scenario) {
    private static final DrillEvidence NOT_CONSULTED = new DrillEvidence(List.of(), null, DrillScenario.REGION_OUTAGE);

    public DrillEvidence {
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
        scenario = scenario == null ? DrillScenario.REGION_OUTAGE : scenario;
    }

    public DrillEvidence(List<DrillRun> runs, Instant now) {
        this(runs, now, DrillScenario.REGION_OUTAGE);
    }

    public static DrillEvidence of(List<DrillRun> runs, Instant now) {
        return new DrillEvidence(runs, Objects.requireNonNull(now, "now"), DrillScenario.REGION_OUTAGE);
    }

    public static DrillEvidence of(List<DrillRun> runs, Instant now, DrillScenario scenario) {
        return new DrillEvidence(runs, Objects.requireNonNull(now, "now"), scenario);
    }

    public static DrillEvidence notConsulted() {
        return NOT_CONSULTED;
    }

    public boolean consulted() {
        return now != null;
    }
}
