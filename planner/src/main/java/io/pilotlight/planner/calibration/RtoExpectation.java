package io.pilotlight.planner.calibration;

import java.time.Duration;
import java.util.List;

/**
 * The expected RTO beside the worst case: per term, the median of what drills of the same topology and
 * scenario measured (passed and missed runs alike), or the declared figure when no drill measured it; summed
 * along the critical path, so terms that overlap count once.
 *
 * @param runs      the drills used (the newest, at most {@link Calibration#MAX_RUNS})
 * @param tail      clients' recovery after the last modelled milestone (first success until success is sustained),
 *                  median over the drills; zero without drills
 * @param expected  the sum of the terms' expected values and the tail
 */
public record RtoExpectation(String scenario, int runs, List<ExpectedTerm> terms, Duration tail, Duration expected) {
    public boolean fromDrills() {
        return runs > 0;
    }
}
