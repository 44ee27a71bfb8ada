package io.pilotlight.planner.findings;

import java.util.List;

/** One lint of a design; pure, so every rule can be tested on a small topology. */
@FunctionalInterface
public interface FindingRule {
    List<Finding> apply(PlanInput input);
}
