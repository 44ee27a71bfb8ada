package io.pilotlight.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every health check a topology defines: the named ones under {@code health_checks}, plus one per
 * service endpoint, named {@code SERVICE-REGION}, built from the service's {@code health_check}.
 */
public final class HealthCheckCatalog {
    private HealthCheckCatalog() {
    }

    public static String derivedName(String service, String region) {
        return service + "-" + region;
    }

    public static Map<String, HealthCheck> of(Topology topology) {
        Map<String, HealthCheck> all = new LinkedHashMap<>();
        topology.services().forEach((serviceName, service) -> {
            if (service.healthCheck() == null) {
                return;
            }
            service.endpoints().forEach((region, endpoint) -> {
                if (endpoint != null && endpoint.address() != null) {
                    all.put(derivedName(serviceName, region), service.healthCheck().aimedAt(endpoint));
                }
            });
        });
        all.putAll(topology.healthChecks());
        return Collections.unmodifiableMap(all);
    }
}
