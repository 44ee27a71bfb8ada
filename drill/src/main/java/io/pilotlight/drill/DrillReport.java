package io.pilotlight.drill;

import java.util.List;

/**
 * What a drill measured, against the objectives and the planner's estimate.
 *
 * @param measuredRtoMillis -1 when clients never sustained success again before the deadline
 * @param successPerSecond  fraction of successful requests in each second from the fault (for the timeline chart)
 */
public record DrillReport(String topology, String scenario, String target, long faultAtMillis, long objectiveRtoMillis,
                          long estimatedRtoMillis, long measuredRtoMillis, long objectiveRpoMillis, int acknowledgedWrites,
                          List<AckedWrite> lostWrites, long dataLossWindowMillis, List<Milestone> milestones,
                          List<Double> successPerSecond, List<String> notes) {

    public boolean rtoMet() {
        return measuredRtoMillis >= 0 && measuredRtoMillis <= objectiveRtoMillis;
    }

    public boolean rpoMet() {
        return dataLossWindowMillis <= objectiveRpoMillis;
    }

    public boolean met() {
        return rtoMet() && rpoMet();
    }

    public int exitCode() {
        return met() ? 0 : 1;
    }
}
