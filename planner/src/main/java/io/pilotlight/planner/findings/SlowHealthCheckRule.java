package io.pilotlight.planner.findings;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Route 53's standard 30 s interval with a tight RTO: detection alone takes a quarter of the objective or more,
 * where the fast 10 s interval would take a third of that. (Past the whole RTO, {@code detection-exceeds-rto} says so.)
 */
final class SlowHealthCheckRule implements FindingRule {
    static final Duration SLOW = Duration.ofSeconds(30);

    @Override
    public List<Finding> apply(PlanInput input) {
        RtoTerm detection = input.rto().term(RtoEstimator.DETECTION);
        Duration rto = input.objectives().rto();
        if (detection.estimate().isZero() || detection.estimate().compareTo(rto) > 0
                || detection.estimate().multipliedBy(4).compareTo(rto) < 0) {
            return List.of();
        }
        Map<String, HealthCheck> catalog = HealthCheckCatalog.of(input.topology());
        String name = detection.basis().contains(":") ? detection.basis().substring(0, detection.basis().indexOf(':')) : "";
        HealthCheck check = catalog.values().stream().filter(c -> c.requestInterval() != null
                && c.worstCaseDetection().equals(detection.estimate())).findFirst().orElse(catalog.get(name));
        if (check == null || check.requestInterval().compareTo(SLOW) < 0) {
            return List.of();
        }
        Duration fast = Duration.ofSeconds(10).multipliedBy(check.failureThreshold()).plus(check.timeout());
        long share = Math.round(100.0 * detection.estimate().toMillis() / rto.toMillis());
        return List.of(new Finding(Severity.WARNING, "slow-health-check",
                "request_interval " + format(check.requestInterval()) + " makes detection alone " + format(detection.estimate()) + ", "
                        + share + "% of the RTO " + format(rto),
                detection.basis(),
                "use Route 53's fast interval (request_interval = 10): detection " + format(fast) + " instead",
                detection.path().isEmpty() ? "health_checks" : detection.path(), 0));
    }
}
