package io.pilotlight.health;

import io.pilotlight.topology.HealthCheckType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an operator wants to know about one check right now.
 *
 * @param status   the verdict routing uses (thresholds, vantage rule, children, inversion and disabling applied)
 * @param reason   why, in plain words
 * @param since    when the verdict last changed (or the monitor was built)
 * @param vantages each checker's view, for HTTP, HTTPS and TCP checks (empty for CALCULATED ones)
 * @param children each child's verdict, for CALCULATED checks (empty otherwise)
 */
public record CheckDetails(String name, HealthCheckType type, HealthStatus status, String reason, Instant since,
                           boolean inverted, boolean disabled, List<VantageDetails> vantages,
                           Map<String, HealthStatus> children) {
}
