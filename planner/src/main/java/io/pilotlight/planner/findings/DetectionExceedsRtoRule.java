package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import java.util.List;

/** Detection slower than the RTO misses it before anything else happens. */
final class DetectionExceedsRtoRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        RtoTerm detection = input.rto().term(RtoEstimator.DETECTION);
        if (detection.estimate().compareTo(input.objectives().rto()) <= 0) {
            return List.of();
        }
        return List.of(new Finding(Severity.ERROR, "detection-exceeds-rto",
                "detecting the failure alone takes longer than the RTO",
                detection.basis() + " = " + format(detection.estimate()) + " > rto " + format(input.objectives().rto()),
                "lower request_interval or failure_threshold of the check (Route 53's fast interval is 10s)",
                detection.path(), 0));
    }
}
