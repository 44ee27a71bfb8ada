package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.calibration.ExpectedTerm;
import io.pilotlight.planner.calibration.RtoExpectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared figure more than twice what drills measure, or less than half of it: "your instance_ready_time
 * says 3m; the last 5 drills measured 40s-55s". Terms under a second on both sides are noise, not a finding.
 */
final class DeclaredVersusMeasuredRule implements FindingRule {
    private static final Duration NOISE = Duration.ofSeconds(1);

    @Override
    public List<Finding> apply(PlanInput input) {
        List<Finding> findings = new ArrayList<>();
        RtoExpectation expectation = input.expectation();
        if (expectation == null || !expectation.fromDrills()) {
            return findings;
        }
        for (ExpectedTerm term : expectation.terms()) {
            if (term.measured() == null) {
                continue;
            }
            Duration declared = term.declared();
            Duration median = term.measured().median();
            if (declared.compareTo(NOISE) < 0 && median.compareTo(NOISE) < 0) {
                continue;
            }
            boolean optimistic = median.compareTo(declared.multipliedBy(2)) > 0;
            boolean pessimistic = declared.compareTo(median.multipliedBy(2)) > 0;
            if (!optimistic && !pessimistic) {
                continue;
            }
            RtoTerm declaredTerm = input.rto().term(term.name());
            String field = declaredTerm.name().equals(io.pilotlight.planner.RtoEstimator.DETECTION) || declaredTerm.path().isEmpty()
                    ? term.name() + " (" + declaredTerm.basis() + ")"
                    : declaredTerm.path().substring(declaredTerm.path().lastIndexOf('.') + 1);
            String measured = term.measured().runs() == 1 ? "the last drill measured " + format(median)
                    : "the last " + term.measured().runs() + " drills measured " + format(term.measured().min()) + "-" + format(term.measured().max());
            findings.add(new Finding(optimistic ? Severity.WARNING : Severity.INFO, "declared-differs-from-measured",
                    "your " + field + " says " + format(declared) + "; " + measured + " (" + expectation.scenario() + ")",
                    term.name() + ": declared " + format(declared) + ", measured median " + format(median) + " over "
                            + term.measured().runs() + " drill" + (term.measured().runs() == 1 ? "" : "s"),
                    optimistic ? "the budget is optimistic: raise " + field + " to what drills measure, or find why recovery is slower"
                            : "the worst case is pessimistic here: set " + field + " nearer " + format(term.measured().max())
                                    + " if the drills are representative",
                    declaredTerm.path().isEmpty() ? "objectives.rto" : declaredTerm.path(), 0));
        }
        return findings;
    }
}
