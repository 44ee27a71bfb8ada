package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import io.pilotlight.topology.spec.Seconds;
import java.time.Duration;
import java.util.List;

/** A Route 53 style health check. Field names follow {@code aws_route53_health_check}. */
public record HealthCheck(
        @Doc("HTTP, HTTPS, TCP, or CALCULATED (healthy when health_threshold of child_health_checks are).") HealthCheckType type,
        @Doc("Host name to check (also sent as Host header and TLS SNI).") @Omittable String fqdn,
        @Doc("IP address to check; takes precedence over fqdn for the connection.") @Omittable String ipAddress,
        @Doc("TCP port; 80 for HTTP and 443 for HTTPS when left out.") @Omittable @Bounds(min = "1", max = "65535") Integer port,
        @Doc("Path requested by HTTP and HTTPS checks.") @Default("/") String resourcePath,
        @Doc("Text that must appear in the first 5,120 bytes of the response body (HTTP and HTTPS only).") @Omittable String searchString,
        @Doc("Time between two checks from one checker; a bare number is seconds.") @Default("30s") @Seconds @Bounds(min = "100ms", max = "1h") Duration requestInterval,
        @Doc("Consecutive results needed to change state, both ways.") @Default("3") @Bounds(min = "1", max = "10") int failureThreshold,
        @Doc("How long one check may take before it counts as a failure; a bare number is seconds.") @Default("4s") @Seconds @Bounds(min = "10ms", max = "1m") Duration timeout,
        @Doc("Validate the server's TLS certificate (HTTPS only).") @Default("true") boolean verifyCertificate,
        @Doc("Report healthy when the target is unhealthy, and the reverse.") @Default("false") boolean inverted,
        @Doc("A disabled check is always healthy, as in Route 53.") @Default("false") boolean disabled,
        @Doc("State before the first results: healthy (Route 53's behaviour) or unknown.") @Default("healthy") InitialState initialState,
        @Doc("Fraction of checkers (vantage points) that must see the target healthy for it to be healthy; Route 53 uses 18%.")
        @Default("0.18") @Bounds(min = "0", max = "1") double healthyCheckerFraction,
        @Doc("Names of the child checks of a CALCULATED check.") List<String> childHealthChecks,
        @Doc("How many children must be healthy for a CALCULATED check to be healthy.") @Omittable @Bounds(min = "0", max = "256") Integer healthThreshold) {

    public HealthCheck {
        childHealthChecks = childHealthChecks == null ? List.of() : childHealthChecks;
    }

    /** Detection time worst case: the fault lands just after a good check, then threshold failures must follow. */
    public Duration worstCaseDetection() {
        return requestInterval.multipliedBy(failureThreshold).plus(timeout);
    }

    public int effectivePort() {
        if (port != null) {
            return port;
        }
        return type == HealthCheckType.HTTPS ? 443 : 80;
    }

    /** The same check aimed at an endpoint; used to derive SERVICE-REGION checks from a service's template. */
    public HealthCheck aimedAt(Endpoint endpoint) {
        boolean isIp = endpoint.address().matches("^[0-9.]+$") || endpoint.address().contains(":");
        Integer targetPort = endpoint.port() != null ? endpoint.port() : port;
        return new HealthCheck(type, isIp ? fqdn : endpoint.address(), isIp ? endpoint.address() : ipAddress,
                targetPort, resourcePath, searchString, requestInterval, failureThreshold, timeout, verifyCertificate,
                inverted, disabled, initialState, healthyCheckerFraction, childHealthChecks, healthThreshold);
    }
}
