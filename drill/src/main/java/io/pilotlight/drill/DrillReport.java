package io.pilotlight.drill;

import java.util.List;

/**
 * What a drill measured, against the objectives and the planner's estimate.
 *
 * @param measuredRtoMillis -1 when clients never sustained success again before the deadline
 * @param successPerSecond  fraction of successful requests in each second from the fault (for the timeline chart)
 * @param terms             the planner's RTO terms beside the measured ones
 * @param ledger            the old writer's lost-writes ledger against the lost writes; null when it could not be read
 */
public record DrillReport(String topology, String scenario, String target, long faultAtMillis, long objectiveRtoMillis,
                          long estimatedRtoMillis, long measuredRtoMillis, long objectiveRpoMillis, int acknowledgedWrites,
                          List<AckedWrite> lostWrites, long dataLossWindowMillis, List<Milestone> milestones,
                          List<Double> successPerSecond, List<String> notes, List<RtoBreakdown.Term> terms, LedgerCheck ledger) {

    public boolean rtoMet() {
        return measuredRtoMillis >= 0 && measuredRtoMillis <= objectiveRtoMillis;
    }

    /** Any lost acknowledged write misses an RPO of 0; otherwise the data-loss window must fit the objective. */
    public boolean rpoMet() {
        return objectiveRpoMillis == 0 ? lostWrites.isEmpty() : dataLossWindowMillis <= objectiveRpoMillis;
    }

    /** An acknowledged write lost without the store naming it is a failure whatever the objectives say. */
    public boolean ledgerMatches() {
        return ledger == null || ledger.matches();
    }

    public boolean met() {
        return rtoMet() && rpoMet() && ledgerMatches();
    }

    public int exitCode() {
        return met() ? 0 : 1;
    }
}
