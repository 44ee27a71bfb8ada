package io.pilotlight.topology.load;

import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckCatalog;
import io.pilotlight.topology.HealthCheckType;
import java.util.Map;

/** Health checks: a target for endpoint checks, children for calculated ones, and sane timings. */
final class HealthCheckRules {
    private static final int SEARCH_STRING_LIMIT = 255;
    private final CheckContext context;

    HealthCheckRules(CheckContext context) {
        this.context = context;
    }

    void check() {
        Map<String, HealthCheck> catalog = HealthCheckCatalog.of(context.topology);
        context.topology.services().forEach((name, service) -> {
            if (service.healthCheck() != null) {
                checkCommon(Paths.key(Paths.key("services", name), "health_check"), service.healthCheck());
            }
        });
        context.topology.healthChecks().forEach((name, check) -> {
            String path = Paths.key("health_checks", name);
            checkCommon(path, check);
            if (check.type() == HealthCheckType.CALCULATED) {
                checkCalculated(path, name, check, catalog);
            } else if (check.type() != null) {
                checkEndpoint(path, check);
            }
        });
    }

    private void checkCommon(String path, HealthCheck check) {
        if (check.resourcePath() != null && !check.resourcePath().startsWith("/")) {
            context.report(Paths.key(path, "resource_path"), "\"" + check.resourcePath() + "\" must start with /, e.g. /healthz");
        }
        if (check.searchString() != null && check.type() != null) { // a type that failed to bind is already reported
            if (check.type() != HealthCheckType.HTTP && check.type() != HealthCheckType.HTTPS) {
                context.report(Paths.key(path, "search_string"), "search_string applies to HTTP and HTTPS checks only, not " + check.type());
            } else if (check.searchString().length() > SEARCH_STRING_LIMIT) {
                context.report(Paths.key(path, "search_string"), "search_string is " + check.searchString().length()
                        + " characters; allowed: at most " + SEARCH_STRING_LIMIT);
            }
        }
        if (check.timeout() != null && check.requestInterval() != null && check.type() != HealthCheckType.CALCULATED
                && check.timeout().compareTo(check.requestInterval()) >= 0) {
            context.report(Paths.key(path, "timeout"), "timeout must be shorter than request_interval ("
                    + io.pilotlight.topology.Durations.format(check.requestInterval()) + "), or checks would overlap");
        }
    }

    private void checkEndpoint(String path, HealthCheck check) {
        if (check.ipAddress() == null && check.fqdn() == null) {
            context.report(path, "a " + check.type() + " check needs ip_address or fqdn to know what to check");
        }
        if (check.ipAddress() != null && !DnsNames.isIpv4(check.ipAddress()) && !DnsNames.isIpv6(check.ipAddress())) {
            context.report(Paths.key(path, "ip_address"), "\"" + check.ipAddress() + "\" is not an IP address");
        }
        if (check.fqdn() != null && !DnsNames.isHostName(check.fqdn())) {
            context.report(Paths.key(path, "fqdn"), "\"" + check.fqdn() + "\" is not a host name");
        }
        if (!check.childHealthChecks().isEmpty() || check.healthThreshold() != null) {
            context.report(path, "child_health_checks and health_threshold apply to CALCULATED checks only");
        }
    }

    private void checkCalculated(String path, String name, HealthCheck check, Map<String, HealthCheck> catalog) {
        if (check.childHealthChecks().isEmpty()) {
            context.report(Paths.key(path, "child_health_checks"), "a CALCULATED check needs at least one child check");
        }
        for (int i = 0; i < check.childHealthChecks().size(); i++) {
            String child = check.childHealthChecks().get(i);
            String childPath = Paths.index(Paths.key(path, "child_health_checks"), i);
            if (child.equals(name)) {
                context.report(childPath, "a CALCULATED check cannot be its own child");
            } else if (!catalog.containsKey(child)) {
                context.unknown(childPath, "health check", child, catalog.keySet());
            }
        }
        if (check.healthThreshold() == null) {
            context.report(path, "a CALCULATED check needs health_threshold: how many children must be healthy");
        } else if (check.healthThreshold() > check.childHealthChecks().size()) {
            context.report(Paths.key(path, "health_threshold"), check.healthThreshold() + " is more than the "
                    + check.childHealthChecks().size() + " child checks; allowed: 0 to " + check.childHealthChecks().size());
        }
        if (check.fqdn() != null || check.ipAddress() != null) {
            context.report(path, "a CALCULATED check has no target of its own; remove fqdn and ip_address");
        }
    }
}
