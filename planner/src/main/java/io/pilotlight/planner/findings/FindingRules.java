package io.pilotlight.planner.findings;

import java.util.Comparator;
import java.util.List;

/** Every lint the planner runs, in one place. */
public final class FindingRules {
    private static final List<FindingRule> ALL = List.of(
            new SplitBrainRule(),
            new ObjectiveMissRule(),
            new TtlExceedsRtoRule(),
            new DetectionExceedsRtoRule(),
            new FailoverWithoutHealthCheckRule(),
            new PrimaryWithoutSecondaryRule(),
            new AliasIgnoresTargetHealthRule(),
            new SlowHealthCheckRule(),
            new DeclaredVersusMeasuredRule(),
            new BackupIntervalAboveRpoRule(),
            new UnsafeLastWriterWinsRule(),
            new DataResidencyRule(),
            new UntestedPlanRule(),
            new CoordinationQuorumRule(),
            new SingleCoordinatorRule(),
            new PatternMismatchRule());

    private FindingRules() {
    }

    /** All findings, errors first. */
    public static List<Finding> apply(PlanInput input) {
        return ALL.stream().flatMap(rule -> rule.apply(input).stream())
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
    }
}
