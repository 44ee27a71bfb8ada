package io.pilotlight.planner.findings;

import io.pilotlight.planner.PatternCatalog;
import io.pilotlight.planner.PatternProfile;
import io.pilotlight.topology.Capacity;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.ResiliencePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The declared pattern against what the objectives need and what the topology does. */
final class PatternMismatchRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        if (!input.pattern().declared() || !input.advice().driverAdvice().multiRegionNeeded()) {
            return findings;
        }
        PatternProfile declared = PatternCatalog.of(input.pattern().pattern());
        PatternProfile needed = input.advice().cheapestFit();
        if (declared.relativeCost() > needed.relativeCost()) {
            findings.add(new Finding(Severity.INFO, "more-than-needed",
                    "the objectives are met by " + needed.name() + " (" + needed.costLabel() + "); " + declared.name() + " costs "
                            + declared.costLabel(),
                    input.advice().reason(), "consider " + needed.name() + " unless another requirement calls for more",
                    "pattern", 0));
        } else if (!declared.meets(input.objectives().rto(), input.objectives().rpo())) {
            findings.add(new Finding(Severity.WARNING, "pattern-too-weak",
                    declared.name() + " cannot usually meet these objectives; " + needed.name() + " is the cheapest that can",
                    "RTO class " + declared.rtoClassWithFloor() + ", RPO class " + declared.rpoClassWithFloor(),
                    "move to " + needed.name() + ", or relax the objectives", "pattern", 0));
        }
        if (declared.pattern() == ResiliencePattern.PILOT_LIGHT) {
            standbyCompute(input).ifPresent(findings::add);
        }
        return findings;
    }

    private static java.util.Optional<Finding> standbyCompute(PlanInput input) {
        for (Map.Entry<String, io.pilotlight.topology.Compute> entry : input.topology().compute().entrySet()) {
            for (Map.Entry<String, Capacity> capacity : entry.getValue().capacity().entrySet()) {
                var region = input.topology().regions().get(capacity.getKey());
                if (region != null && region.role() == RegionRole.STANDBY && capacity.getValue().standby() > 0) {
                    return java.util.Optional.of(new Finding(Severity.INFO, "pilot-light-runs-compute",
                            "pilot light keeps standby compute at zero, but " + entry.getKey() + " runs "
                                    + capacity.getValue().standby() + " instances in " + capacity.getKey() + ": that is a warm standby",
                            "compute." + entry.getKey() + ".capacity." + capacity.getKey() + ".standby: " + capacity.getValue().standby(),
                            "set standby: 0 to pay for pilot light only, or declare pattern: warm-standby",
                            "compute." + entry.getKey() + ".capacity." + capacity.getKey() + ".standby", 0));
                }
            }
        }
        return java.util.Optional.empty();
    }
}
