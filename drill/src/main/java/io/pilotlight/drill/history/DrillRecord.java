package io.pilotlight.drill.history;

import io.pilotlight.drill.DrillReport;
import io.pilotlight.drill.RtoBreakdown;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the drill history.
 *
 * @param at                    the fault instant; for a drill that errored before its fault, when the attempt started
 * @param drill                 the scheduled drill's name, null for a drill run by hand
 * @param target                the region that was broken
 * @param rtoSeconds            measured RTO, null when clients did not recover or the drill errored
 * @param lostWrites            acknowledged writes lost, null when not measured
 * @param dataLossWindowSeconds null when not measured
 * @param report                the report directory, null when none was written
 * @param reason                why a drill ended with verdict error or interrupted; null otherwise
 * @param termSeconds           each RTO term the drill measured (the planner's term name to seconds, e.g. detection);
 *                              empty for lines written before terms were recorded, which still read
 */
public record DrillRecord(Instant at, String topology, String drill, DrillScenario scenario, String target, DrillVerdict verdict,
                          Double rtoSeconds, Integer lostWrites, Double dataLossWindowSeconds, String report, String reason,
                          Map<String, Double> termSeconds) {
    public DrillRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(verdict, "verdict");
        termSeconds = termSeconds == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(termSeconds));
    }

    /** A record without per-term measurements (as lines written before they were kept). */
    public DrillRecord(Instant at, String topology, String drill, DrillScenario scenario, String target, DrillVerdict verdict,
                       Double rtoSeconds, Integer lostWrites, Double dataLossWindowSeconds, String report, String reason) {
        this(at, topology, drill, scenario, target, verdict, rtoSeconds, lostWrites, dataLossWindowSeconds, report, reason, Map.of());
    }

    /** A record without a reason (a drill that finished with a verdict of its own). */
    public DrillRecord(Instant at, String topology, String drill, DrillScenario scenario, String target, DrillVerdict verdict,
                       Double rtoSeconds, Integer lostWrites, Double dataLossWindowSeconds, String report) {
        this(at, topology, drill, scenario, target, verdict, rtoSeconds, lostWrites, dataLossWindowSeconds, report, null, Map.of());
    }

    /** What a finished drill measured. */
    public static DrillRecord of(DrillReport report, DrillScenario scenario, String drill, Path reportDir) {
        return new DrillRecord(Instant.ofEpochMilli(report.faultAtMillis()), report.topology(), drill, scenario, report.target(),
                report.met() ? DrillVerdict.MET : DrillVerdict.MISSED,
                report.measuredRtoMillis() < 0 ? null : report.measuredRtoMillis() / 1000.0, report.lostWrites().size(),
                report.dataLossWindowMillis() / 1000.0, reportDir == null ? null : reportDir.toString(), null, measuredTerms(report.terms()));
    }

    /**
     * The terms the drill measured, in the planner's order: a term whose work overlapped the step before adds
     * nothing to the path (0 s); a term whose milestone was not seen, or that does not apply, is left out.
     */
    static Map<String, Double> measuredTerms(List<RtoBreakdown.Term> measured) {
        Map<String, Double> terms = new LinkedHashMap<>();
        if (measured != null) {
            for (RtoBreakdown.Term term : measured) {
                if (term.measuredMillis() >= 0) {
                    terms.put(term.name(), term.measuredMillis() / 1000.0);
                } else if (RtoBreakdown.overlapped(term)) {
                    terms.put(term.name(), 0.0);
                }
            }
        }
        return terms;
    }

    /** A drill that ended without a verdict of its own (the lab did not start, the process died). */
    public static DrillRecord error(Instant startedAt, String topology, String drill, DrillScenario scenario, String target) {
        return new DrillRecord(startedAt, topology, drill, scenario, target, DrillVerdict.ERROR, null, null, null, null, null, Map.of());
    }

    /**
     * A drill that ended without measuring, and why.
     *
     * @param at      the fault instant, or when the drill started when it ended before its fault
     * @param verdict {@link DrillVerdict#ERROR} or {@link DrillVerdict#INTERRUPTED}
     */
    public static DrillRecord unfinished(Instant at, String topology, String drill, DrillScenario scenario, String target,
                                         DrillVerdict verdict, String reason) {
        if (verdict != DrillVerdict.ERROR && verdict != DrillVerdict.INTERRUPTED) {
            throw new IllegalArgumentException("an unfinished drill's verdict is error or interrupted, not " + verdict.wireName());
        }
        return new DrillRecord(at, topology, drill, scenario, target, verdict, null, null, null, null, reason, Map.of());
    }

    /** What the planner and the schedule look at. */
    public DrillRun asRun() {
        return new DrillRun(topology, drill, scenario, target, at, verdict, rtoSeconds, termSeconds);
    }
}
