package io.pilotlight.planner.drills;

import io.pilotlight.topology.DrillScenario;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One drill that ran, as far as the planner and the schedule care: which topology, which drill of its
 * schedule (null when run by hand), what was broken, when, the verdict, and what it measured.
 *
 * @param at          the fault instant (or when the attempt started, for a drill that never injected its fault)
 * @param target      the region that was broken, as resolved at run time (the primary when none was named)
 * @param rtoSeconds  the measured RTO, or {@code null} when clients did not recover or nothing was measured
 * @param termSeconds each RTO term the drill measured (planner term name to seconds); empty for runs recorded
 *                    before terms were kept, and without the terms a run could not measure
 */
public record DrillRun(String topology, String drill, DrillScenario scenario, String target, Instant at, DrillVerdict verdict,
                       Double rtoSeconds, Map<String, Double> termSeconds) {
    public DrillRun {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
        termSeconds = termSeconds == null ? Map.of() : Map.copyOf(termSeconds);
    }

    /** A run whose measurements the caller does not have (or does not need). */
    public DrillRun(String topology, String drill, DrillScenario scenario, String target, Instant at, DrillVerdict verdict) {
        this(topology, drill, scenario, target, at, verdict, null, Map.of());
    }

    public boolean passed() {
        return verdict == DrillVerdict.MET;
    }
}
