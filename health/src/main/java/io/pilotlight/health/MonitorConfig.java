package io.pilotlight.health;

import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** Everything a monitor is built from, checked in one place; every problem is reported at once. */
record MonitorConfig(Map<String, HealthCheck> checks, List<VantagePoint> vantagePoints, List<String> remoteVantages, Clock clock,
                     long seed, int eventCapacity, SSLContext trusted, ProbeListener probeListener) {

    MonitorConfig validate() {
        List<String> problems = new ArrayList<>();
        if (vantagePoints.isEmpty()) {
            problems.add("vantage points: none given; allowed: at least one, e.g. VantagePoint.of(\"local\")");
        }
        Set<String> names = new HashSet<>();
        vantagePoints.stream().filter(v -> !names.add(v.name()))
                .forEach(v -> problems.add("vantage points: \"" + v.name() + "\" is given twice; names must be unique"));
        for (String remote : remoteVantages) {
            if (remote == null || remote.isBlank() || remote.equals(HealthEvent.AGGREGATE) || remote.contains("/")) {
                problems.add("remote vantage points: \"" + remote + "\" is not allowed: it must be non-blank, without \"/\" and not \""
                        + HealthEvent.AGGREGATE + "\"");
            } else if (!names.add(remote)) {
                problems.add("remote vantage points: \"" + remote + "\" is given twice or is also a local vantage point; names must be unique");
            }
        }
        if (eventCapacity < 1) {
            problems.add("event log capacity: " + eventCapacity + "; allowed: at least 1");
        }
        checks.forEach((name, check) -> checkOne(name, check, problems));
        CalculatedOrder.cycle(checks).ifPresent(cycle ->
                problems.add("calculated checks form a cycle: " + String.join(" -> ", cycle) + "; a check cannot depend on itself"));
        if (!problems.isEmpty()) {
            throw new InvalidHealthConfigException(problems);
        }
        return this;
    }

    private void checkOne(String name, HealthCheck check, List<String> problems) {
        String where = "health check \"" + name + "\": ";
        if (check.type() == null) {
            problems.add(where + "type is missing; allowed: HTTP, HTTPS, TCP, CALCULATED");
            return;
        }
        if (check.failureThreshold() < 1) {
            problems.add(where + "failure_threshold " + check.failureThreshold() + "; allowed: at least 1");
        }
        if (check.healthyCheckerFraction() < 0 || check.healthyCheckerFraction() > 1) {
            problems.add(where + "healthy_checker_fraction " + check.healthyCheckerFraction() + "; allowed: 0 to 1");
        }
        if (check.type() == HealthCheckType.CALCULATED) {
            checkCalculated(where, check, problems);
        } else if (!check.disabled()) {
            checkEndpoint(where, check, problems);
        }
    }

    private static void checkEndpoint(String where, HealthCheck check, List<String> problems) {
        if (check.fqdn() == null && check.ipAddress() == null) {
            problems.add(where + "neither fqdn nor ip_address is set; a " + check.type() + " check needs one to connect to");
        }
        if (check.requestInterval() == null || check.requestInterval().isNegative() || check.requestInterval().isZero()) {
            problems.add(where + "request_interval " + check.requestInterval() + "; allowed: a positive duration");
        }
        if (check.timeout() == null || check.timeout().isNegative() || check.timeout().isZero()) {
            problems.add(where + "timeout " + check.timeout() + "; allowed: a positive duration");
        }
        if (check.resourcePath() != null && !check.resourcePath().matches("/[\\x21-\\x7e]*")) {
            problems.add(where + "resource_path \"" + check.resourcePath() + "\"; allowed: a path starting with /, without"
                    + " spaces or control characters (percent-encode them)");
        }
        if (check.effectivePort() < 1 || check.effectivePort() > 65535) {
            problems.add(where + "port " + check.effectivePort() + "; allowed: 1 to 65535");
        }
    }

    private void checkCalculated(String where, HealthCheck check, List<String> problems) {
        check.childHealthChecks().stream().filter(child -> !checks.containsKey(child)).forEach(child ->
                problems.add(where + "child_health_checks names \"" + child + "\", which is not a check; known: "
                        + String.join(", ", checks.keySet())));
        Integer threshold = check.healthThreshold();
        if (threshold == null || threshold < 0 || threshold > check.childHealthChecks().size()) {
            problems.add(where + "health_threshold " + threshold + "; allowed: 0 to " + check.childHealthChecks().size()
                    + " (the number of child checks)");
        }
    }
}
