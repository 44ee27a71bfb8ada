package io.pilotlight.planner.findings;

import io.pilotlight.planner.RoutedRecords;
import io.pilotlight.topology.RecordSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A routed alias with {@code evaluate_target_health: false} and no health check of its own is always healthy:
 * it keeps being answered when its target has no healthy member left.
 */
final class AliasIgnoresTargetHealthRule implements FindingRule {
    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        for (RoutedRecords.Entry entry : RoutedRecords.of(input.topology()).entries()) {
            RecordSet set = entry.set();
            if (set.alias() == null || set.alias().evaluateTargetHealth() || set.healthCheck() != null) {
                continue;
            }
            findings.add(new Finding(Severity.WARNING, "alias-ignores-target-health",
                    "the alias " + set.name() + " (" + set.setIdentifier() + ") does not evaluate its target's health and has no"
                            + " health check: it is answered even when " + set.alias().name() + " has no healthy member",
                    "alias.evaluate_target_health: false, no health_check, routing policy set",
                    "set evaluate_target_health: true (Terraform: evaluate_target_health = true), or attach a health check",
                    entry.path() + ".alias.evaluate_target_health", 0));
        }
        return findings;
    }
}
