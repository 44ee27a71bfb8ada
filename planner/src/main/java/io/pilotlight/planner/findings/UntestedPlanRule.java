package io.pilotlight.planner.findings;

import io.pilotlight.topology.ResiliencePattern;
import java.util.List;

/** Pilot light and warm standby depend on a scripted recovery; without a drill schedule it is fiction. */
final class UntestedPlanRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        ResiliencePattern pattern = input.pattern().pattern();
        boolean standbyPattern = pattern == ResiliencePattern.PILOT_LIGHT || pattern == ResiliencePattern.WARM_STANDBY;
        if (!standbyPattern || !input.topology().drills().isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(Severity.WARNING, "untested-plan",
                "an untested DR plan is a fiction: this " + input.pattern().name() + " has no drill schedule",
                "drills: [] with pattern " + input.pattern().name(),
                "add a drill, e.g. drills: [{name: monthly-region-outage, scenario: region-outage, every: 30d}]",
                "drills", 0));
    }
}
