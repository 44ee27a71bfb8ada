package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.calibration.ExpectedTerm;
import io.pilotlight.planner.calibration.RtoExpectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared figure and what drills measure differ by more than 2x. Drills slower than declared: a warning
 * for any term (the budget is optimistic). Drills much faster: information, only for the figures that are a
 * team's estimate of a duration ({@code instance_ready_time}, {@code promotion_time}, {@code restore_time}):
 * "your instance_ready_time says 3m; the last 5 drills measured 40s-55s". Detection, TTLs, caches and leases
 * are worst cases or safety settings by design; a drill beating them is expected, not a reason to lower them.
 * Terms under a second on both sides are noise, not a finding. The clients' sustain tail, measured from the first
 * client's success, also holds the other clients' wait for their old answer to expire (in the DNS terms' worst case,
 * not in the tail's): it is compared with its declared figure plus that wait.
 */
final class DeclaredVersusMeasuredRule implements FindingRule {
    private static final Duration NOISE = Duration.ofSeconds(1);
    private static final java.util.Set<String> ESTIMATES = java.util.Set.of("instance_ready_time", "promotion_time", "restore_time");

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
            RtoTerm declaredTerm = input.rto().term(term.name());
            boolean optimistic = median.compareTo(comparable(input, declaredTerm).multipliedBy(2)) > 0;
            boolean estimate = ESTIMATES.stream().anyMatch(e -> declaredTerm.path().endsWith("." + e));
            boolean pessimistic = estimate && declared.compareTo(median.multipliedBy(2)) > 0;
            if (!optimistic && !pessimistic) {
                continue;
            }
            String field = declaredTerm.name().equals(io.pilotlight.planner.RtoEstimator.DETECTION) || declaredTerm.path().isEmpty()
                    ? term.name() + " (" + declaredTerm.basis() + ")"
                    : declaredTerm.path().substring(declaredTerm.path().lastIndexOf('.') + 1);
            String measured = term.measured().runs() == 1 ? "the last drill measured " + format(median)
                    : "the last " + term.measured().runs() + " drills measured " + format(term.measured().min()) + "-" + format(term.measured().max());
            findings.add(new Finding(optimistic ? Severity.WARNING : Severity.INFO, "declared-differs-from-measured",
                    "your " + field + " says " + format(declared) + "; " + measured + " (" + expectation.scenario() + ")",
                    term.name() + ": declared " + format(declared) + ", measured median " + format(median) + " over "
                            + term.measured().runs() + " drill" + (term.measured().runs() == 1 ? "" : "s"),
                    optimistic ? "the budget is optimistic: drills take more than twice the declared figure; find why, or budget"
                                    + " what they measure (" + format(term.measured().max()) + " at the slowest)"
                            : "set " + field + " nearer " + format(term.measured().max()) + " (the slowest drill) if the drills are"
                                    + " representative of a real outage",
                    declaredTerm.path().isEmpty() ? "objectives.rto" : declaredTerm.path(), 0));
        }
        return findings;
    }

    /** The declared figure a measurement is held against: the sustain tail's plus the clients' wait for the answer to expire. */
    private static Duration comparable(PlanInput input, RtoTerm term) {
        if (!term.name().equals(RtoEstimator.CLIENTS_SUSTAIN)) {
            return term.estimate();
        }
        Duration wait = input.rto().terms().stream().filter(t -> t.name().equals(RtoEstimator.DNS_TTL) || t.name().equals(RtoEstimator.CLIENT_CACHE))
                .map(RtoTerm::estimate).max(Duration::compareTo).orElse(Duration.ZERO);
        return term.estimate().plus(wait);
    }
}
