package io.pilotlight.orchestrator.live;

import io.pilotlight.topology.Endpoint;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.Service;
import io.pilotlight.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a deployment's parts listen, by convention from the topology: each region's store node on
 * its region address and the store port, each service on its regional endpoint, the DNS server and
 * its admin API on the given addresses. The lab starts things at these addresses; the controller
 * finds them there.
 *
 * @param services service name -> region -> HOST:PORT
 */
public record DeploymentLayout(Map<String, String> storeUrls, Map<String, Map<String, String>> services, String dns, String dnsAdmin,
                               String coordinator) {

    public static DeploymentLayout conventional(Topology topology, int storePort, String dns, String dnsAdmin, String coordinator) {
        return conventional(topology, "http", storePort, dns, dnsAdmin, coordinator);
    }

    /** @param scheme {@code http}, or {@code https} where the store nodes serve TLS (agents with certificates) */
    public static DeploymentLayout conventional(Topology topology, String scheme, int storePort, String dns, String dnsAdmin, String coordinator) {
        Map<String, String> stores = new LinkedHashMap<>();
        for (Map.Entry<String, Region> region : topology.regions().entrySet()) {
            if (region.getValue().address() == null) {
                throw new IllegalArgumentException("region " + region.getKey() + " has no address; the lab and the controller need"
                        + " regions.*.address (e.g. 127.0.1.1) to find its parts");
            }
            stores.put(region.getKey(), scheme + "://" + region.getValue().address() + ":" + storePort);
        }
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        for (Map.Entry<String, Service> service : topology.services().entrySet()) {
            Map<String, String> byRegion = new LinkedHashMap<>();
            for (Map.Entry<String, Endpoint> endpoint : service.getValue().endpoints().entrySet()) {
                Integer port = endpoint.getValue().port() != null ? endpoint.getValue().port()
                        : service.getValue().healthCheck() != null ? service.getValue().healthCheck().effectivePort() : Integer.valueOf(80);
                byRegion.put(endpoint.getKey(), endpoint.getValue().address() + ":" + port);
            }
            services.put(service.getKey(), Map.copyOf(byRegion));
        }
        return new DeploymentLayout(Map.copyOf(stores), Map.copyOf(services), dns, dnsAdmin, coordinator);
    }
}
