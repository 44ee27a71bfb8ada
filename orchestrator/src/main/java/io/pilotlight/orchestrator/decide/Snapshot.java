package io.pilotlight.orchestrator.decide;

import java.time.Instant;
import java.util.Map;

/**
 * Everything a decision looks at, at one instant.
 *
 * @param primary           the region currently serving and writing
 * @param unhealthySince    when the primary was first seen unhealthy in the current run of observations, or null
 * @param lastFailover      when the last failover started, or null
 */
public record Snapshot(Instant now, String primary, Map<String, RegionView> regions, Instant unhealthySince, Instant lastFailover) {
}
