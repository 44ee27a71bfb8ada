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
 * @param services        service name -> region -> HOST:PORT
 * @param engineEndpoints data store -> its engine's endpoints, where they are not the store nodes' URLs (PostgreSQL)
 */
public record DeploymentLayout(Map<String, String> storeUrls, Map<String, Map<String, String>> services, String dns, String dnsAdmin,
                               String coordinator, Map<String, Map<String, String>> engineEndpoints) {

    public DeploymentLayout {
        engineEndpoints = Map.copyOf(engineEndpoints);
    }

    public DeploymentLayout(Map<String, String> storeUrls, Map<String, Map<String, String>> services, String dns, String dnsAdmin,
                            String coordinator) {
        this(storeUrls, services, dns, dnsAdmin, coordinator, Map.of());
    }

    /** The endpoints the engine of data store {@code store} is opened with. */
    public Map<String, String> endpoints(String store) {
        return engineEndpoints.getOrDefault(store, storeUrls);
    }

    /**
     * With the global databases of {@code engine: postgres} on managed servers under {@code root} ({@code root/REGION}), each
     * on its region's address and the store port, the writer lease in {@code leaseCoordinator}: as an observer that promotes
     * and switches over while each region's keeper ({@code pilotlight store postgres}) guards its server.
     */
    public DeploymentLayout withManagedPostgres(Topology topology, java.nio.file.Path root, String leaseCoordinator) {
        return withManagedPostgres(topology, root, leaseCoordinator, null);
    }

    /**
     * @param backupDir where a {@code kind: backup, engine: postgres} store's backups are (its restore reads them there);
     *                  null: the engine's default; the store's interval is its servers' archive_timeout
     */
    public DeploymentLayout withManagedPostgres(Topology topology, java.nio.file.Path root, String leaseCoordinator,
                                                java.nio.file.Path backupDir) {
        Map<String, Map<String, String>> engines = new LinkedHashMap<>(engineEndpoints);
        topology.dataStores().forEach((name, store) -> {
            boolean backup = store.kind() == io.pilotlight.topology.DataStoreKind.BACKUP;
            if ((backup || store.kind() == io.pilotlight.topology.DataStoreKind.GLOBAL_DATABASE) && "postgres".equals(store.engine())) {
                Map<String, String> endpoints = new LinkedHashMap<>();
                java.util.List<String> regions = !store.regions().isEmpty() ? store.regions() : topology.regions().entrySet().stream()
                        .filter(r -> r.getValue().role() != io.pilotlight.topology.RegionRole.WITNESS).map(Map.Entry::getKey).toList();
                for (String region : regions) {
                    endpoints.put(region, managedPostgres(root, region, storeUrls.get(region)));
                }
                endpoints.put("@lease", leaseCoordinator);
                endpoints.put("@guard", "none");
                if (backup && backupDir != null) {
                    endpoints.put("@backup", backupDir.toAbsolutePath().normalize().toString());
                }
                if (backup && store.interval() != null) {
                    endpoints.put("@archive_timeout", io.pilotlight.topology.Durations.format(store.interval()));
                }
                engines.put(name, Map.copyOf(endpoints));
            }
        });
        return new DeploymentLayout(storeUrls, services, dns, dnsAdmin, coordinator, engines);
    }

    /** With {@code store}'s engine opened with {@code endpoints} (each region's, and the engine's {@code @} settings). */
    public DeploymentLayout withEngineEndpoints(String store, Map<String, String> endpoints) {
        Map<String, Map<String, String>> engines = new LinkedHashMap<>(engineEndpoints);
        engines.put(store, Map.copyOf(endpoints));
        return new DeploymentLayout(storeUrls, services, dns, dnsAdmin, coordinator, engines);
    }

    /** {@code pgmanaged:ROOT/REGION?host=ADDR&port=PORT} for the region whose store URL is {@code storeUrl}. */
    public static String managedPostgres(java.nio.file.Path root, String region, String storeUrl) {
        java.net.URI url = java.net.URI.create(storeUrl);
        return "pgmanaged:" + root.toAbsolutePath().normalize().resolve(region) + "?host=" + url.getHost() + "&port=" + url.getPort();
    }

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
