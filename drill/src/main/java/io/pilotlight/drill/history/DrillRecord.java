package io.pilotlight.drill.history;

import io.pilotlight.drill.DrillReport;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.nio.file.Path;
import java.time.Instant;
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
 */
public record DrillRecord(Instant at, String topology, String drill, DrillScenario scenario, String target, DrillVerdict verdict,
                          Double rtoSeconds, Integer lostWrites, Double dataLossWindowSeconds, String report, String reason) {
    public DrillRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** A record without a reason (a drill that finished with a verdict of its own). */
    public DrillRecord(Instant at, String topology, String drill, DrillScenario scenario, String target, DrillVerdict verdict,
                       Double rtoSeconds, Integer lostWrites, Double dataLossWindowSeconds, String report) {
        this(at, topology, drill, scenario, target, verdict, rtoSeconds, lostWrites, dataLossWindowSeconds, report, null);
    }

    /** What a finished drill measured. */
    public static DrillRecord of(DrillReport report, DrillScenario scenario, String drill, Path reportDir) {
        return new DrillRecord(Instant.ofEpochMilli(report.faultAtMillis()), report.topology(), drill, scenario, report.target(),
                report.met() ? DrillVerdict.MET : DrillVerdict.MISSED,
                report.measuredRtoMillis() < 0 ? null : report.measuredRtoMillis() / 1000.0, report.lostWrites().size(),
                report.dataLossWindowMillis() / 1000.0, reportDir == null ? null : reportDir.toString());
    }

    /** A drill that ended without a verdict of its own (the lab did not start, the process died). */
    public static DrillRecord error(Instant startedAt, String topology, String drill, DrillScenario scenario, String target) {
        return new DrillRecord(startedAt, topology, drill, scenario, target, DrillVerdict.ERROR, null, null, null, null, null);
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
        return new DrillRecord(at, topology, drill, scenario, target, verdict, null, null, null, null, reason);
    }

    /** What the planner and the schedule look at. */
    public DrillRun asRun() {
        return new DrillRun(topology, drill, scenario, target, at, verdict);
    }
}
