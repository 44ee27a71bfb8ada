package io.pilotlight.planner.calibration;

import java.time.Duration;
import java.util.List;

/**
 * The expected RTO beside the worst case: per term, the median of what drills of the same topology and
 * scenario measured (passed and missed runs alike); in total, the drills' median RTO (wall time, so terms that
 * overlap count once). Without drills, the declared terms on the critical path.
 *
 * @param runs      the drills used (the newest, at most {@link Calibration#MAX_RUNS})
 * @param tail      the expected RTO minus the measured terms' medians: the time no term measured (in drills recorded
 *                  before the clients sustain term, the clients' tail), less work that overlapped (negative when overlap
 *                  dominates); zero without drills
 * @param expected  the drills' median RTO, or the declared critical path without drills
 */
public record RtoExpectation(String scenario, int runs, List<ExpectedTerm> terms, Duration tail, Duration expected) {
    public boolean fromDrills() {
        return runs > 0;
    }
}
