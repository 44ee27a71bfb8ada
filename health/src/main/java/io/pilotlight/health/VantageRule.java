package io.pilotlight.health;

import java.util.List;
import java.util.Map;

/**
 * Route 53's vantage-point rule, as a pure function: an endpoint is healthy when MORE than
 * {@code healthy_checker_fraction} of its checkers see it healthy. A checker without a verdict yet
 * (UNKNOWN) does not count as healthy, but while such checkers could still tip the balance the
 * aggregate stays UNKNOWN rather than UNHEALTHY: a cold start never reports an endpoint down.
 */
final class VantageRule {
    private VantageRule() {
    }

    static Verdict aggregate(Map<String, HealthStatus> byChecker, double fraction) {
        int total = byChecker.size();
        List<String> healthy = named(byChecker, HealthStatus.HEALTHY);
        List<String> unknown = named(byChecker, HealthStatus.UNKNOWN);
        if (total == 1) {
            Map.Entry<String, HealthStatus> only = byChecker.entrySet().iterator().next();
            return single(only.getKey(), only.getValue(), fraction);
        }
        String seen = healthy.size() + " of " + total + " checkers (" + Percent.of((double) healthy.size() / total)
                + ") see it healthy";
        String bound = "more than " + Percent.of(fraction) + " needed";
        if (healthy.size() > fraction * total) {
            return new Verdict(HealthStatus.HEALTHY, seen + "; " + bound);
        }
        if (unknown.size() == total) {
            return new Verdict(HealthStatus.UNKNOWN, "no checker has a verdict yet");
        }
        if (healthy.size() + unknown.size() > fraction * total) {
            return new Verdict(HealthStatus.UNKNOWN, seen + " and " + unknown.size() + " have no verdict yet; " + bound);
        }
        return new Verdict(HealthStatus.UNHEALTHY, seen + "; " + bound + " (unhealthy from "
                + String.join(", ", named(byChecker, HealthStatus.UNHEALTHY)) + ")");
    }

    private static Verdict single(String checker, HealthStatus status, double fraction) {
        HealthStatus verdict = status == HealthStatus.HEALTHY && fraction >= 1.0 ? HealthStatus.UNHEALTHY : status;
        String reason = status == HealthStatus.UNKNOWN ? "checker " + checker + " has no verdict yet"
                : "checker " + checker + " sees it " + ThresholdMachine.name(status);
        return new Verdict(verdict, verdict == status ? reason : reason + "; more than " + Percent.of(fraction) + " needed");
    }

    private static List<String> named(Map<String, HealthStatus> byChecker, HealthStatus status) {
        return byChecker.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey).toList();
    }
}
