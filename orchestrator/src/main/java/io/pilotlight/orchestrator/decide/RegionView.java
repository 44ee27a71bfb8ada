package io.pilotlight.orchestrator.decide;

import io.pilotlight.health.HealthStatus;

/**
 * One region as the controller sees it.
 *
 * @param health          the region's service checks combined (each already under the vantage-point rule)
 * @param storeReachable  its store node answered
 * @param storeLagMillis  its replica's lag (0 for the writer), or -1 when unknown
 * @param trafficOn       DNS currently sends traffic there
 * @param healthyInstances compute instances passing their health check
 */
public record RegionView(String region, HealthStatus health, boolean storeReachable, long storeLagMillis, boolean trafficOn,
                         int healthyInstances) {
}
