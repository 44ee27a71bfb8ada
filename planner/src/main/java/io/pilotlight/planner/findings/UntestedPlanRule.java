package io.pilotlight.planner.findings;

import io.pilotlight.planner.drills.LabSupport;
import io.pilotlight.planner.drills.DrillCoverage;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.topology.Drill;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.ResiliencePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * An untested DR plan is a fiction. Pilot light and warm standby without any drill schedule are
 * untested by design; and whatever the pattern, a scheduled drill that has not passed within its
 * {@code every} (according to the drill history, when the caller gave one) leaves the plan untested.
 */
final class UntestedPlanRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        ResiliencePattern pattern = input.pattern().pattern();
        boolean standbyPattern = pattern == ResiliencePattern.PILOT_LIGHT || pattern == ResiliencePattern.WARM_STANDBY;
        List<Drill> drills = input.topology().drills();
        if (drills.isEmpty()) {
            return standbyPattern ? List.of(noSchedule(input)) : List.of();
        }
        DrillEvidence evidence = input.drills();
        if (!evidence.consulted()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < drills.size(); i++) {
            DrillCoverage coverage = DrillCoverage.of(input.topology(), drills.get(i), evidence.runs(), evidence.now());
            if (!coverage.tested()) {
                findings.add(notPassedWithinEvery(input, coverage, i));
            }
        }
        return findings;
    }

    private static Finding noSchedule(PlanInput input) {
        return new Finding(Severity.WARNING, "untested-plan",
                "an untested DR plan is a fiction: this " + input.pattern().name() + " has no drill schedule",
                "drills: [] with pattern " + input.pattern().name(),
                "add a drill, e.g. drills: [{name: monthly-region-outage, scenario: region-outage, every: 30d}]",
                "drills", 0);
    }

    private static Finding notPassedWithinEvery(PlanInput input, DrillCoverage coverage, int index) {
        Drill drill = coverage.drill();
        String every = Durations.format(drill.every());
        String lastRun = coverage.lastRun().filter(run -> !run.passed())
                .map(run -> "; last run " + run.verdict().wireName() + " at " + run.at()).orElse("");
        return new Finding(Severity.WARNING, "untested-plan",
                "an untested DR plan is a fiction: drill " + drill.name() + " has not passed within its every " + every,
                "last pass: " + coverage.lastPassText() + lastRun + "; every " + every,
                LabSupport.missing(input.topology()).isEmpty()
                        ? "pilotlight drill run " + (input.source() == null ? "FILE" : input.source()) + " --drill " + drill.name()
                        : "run drill " + drill.name() + " on the real deployment (" + LabSupport.explain(input.topology()) + ")",
                "drills[" + index + "]", 0);
    }
}
