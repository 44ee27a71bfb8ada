package io.pilotlight.planner.drills;

import io.pilotlight.topology.DrillScenario;
import java.time.Instant;
import java.util.Objects;

/**
 * One drill that ran, as far as the planner and the schedule care: which topology, which drill of its
 * schedule (null when run by hand), what was broken, when, and the verdict.
 *
 * @param at     the fault instant (or when the attempt started, for a drill that never injected its fault)
 * @param target the region that was broken, as resolved at run time (the primary when none was named)
 */
public record DrillRun(String topology, String drill, DrillScenario scenario, String target, Instant at, DrillVerdict verdict) {
    public DrillRun {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
    }

    public boolean passed() {
        return verdict == DrillVerdict.MET;
    }
}
