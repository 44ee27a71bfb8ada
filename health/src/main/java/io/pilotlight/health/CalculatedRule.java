package io.pilotlight.health;

import java.util.List;
import java.util.Map;

/**
 * A CALCULATED check, as a pure function: healthy when at least {@code health_threshold} of its
 * children are healthy. Children without a verdict yet do not count as healthy, but while they
 * could still make up the number the verdict is UNKNOWN rather than UNHEALTHY.
 */
final class CalculatedRule {
    private CalculatedRule() {
    }

    static Verdict evaluate(Map<String, HealthStatus> children, int threshold) {
        List<String> healthy = named(children, HealthStatus.HEALTHY);
        List<String> unknown = named(children, HealthStatus.UNKNOWN);
        String seen = healthy.size() + " of " + children.size() + " child checks healthy, at least " + threshold + " needed";
        if (healthy.size() >= threshold) {
            return new Verdict(HealthStatus.HEALTHY, seen);
        }
        if (healthy.size() + unknown.size() >= threshold) {
            return new Verdict(HealthStatus.UNKNOWN, seen + "; no verdict yet from " + String.join(", ", unknown));
        }
        return new Verdict(HealthStatus.UNHEALTHY, seen + " (unhealthy: "
                + String.join(", ", named(children, HealthStatus.UNHEALTHY)) + ")");
    }

    private static List<String> named(Map<String, HealthStatus> children, HealthStatus status) {
        return children.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey).toList();
    }
}
