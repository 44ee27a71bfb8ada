package io.pilotlight.drill.lab;

import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.DnsNames;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which processes a topology's lab runs and with what arguments, where each listens, and which
 * links go through the fault proxy: a pure function of the topology and the lab's addresses, so
 * what a pattern needs is testable without starting anything. {@link LabSupervisor} runs it.
 */
public final class LabPlan {

    /**
     * Where the lab serves: DNS and its admin API, the coordinator's port on 127.0.0.1, the store nodes' port (each on its
     * region's address), its state directory (logs, data, controller state), and where backups go (null: STATE_DIR/backups).
     */
    public record Addresses(Path stateDir, String dns, String dnsAdmin, int coordinatorPort, int storePort, Path backupDir) {
    }

    /** One process of the lab: its name (its log and ready file are named after it) and its pilotlight arguments. */
    public record LabProcess(String name, List<String> args) {
        public LabProcess {
            args = List.copyOf(args);
        }
    }

    /** How a region reaches another region's store node, or the coordinator: through a lab link. */
    @FunctionalInterface
    public interface Links {
        String url(String from, String to);
    }

    private final Path file;
    private final Topology topology;
    private final Addresses addresses;
    private final DeploymentLayout layout;

    private LabPlan(Path file, Topology topology, Addresses addresses) {
        this.file = file;
        this.topology = topology;
        this.addresses = addresses;
        this.layout = DeploymentLayout.conventional(topology, addresses.storePort(), addresses.dns(), addresses.dnsAdmin(),
                coordinatorUrl(addresses)).withManagedPostgres(topology, postgresRoot(addresses), coordinatorUrl(addresses),
                backupDir().orElse(null));
    }

    /** Where the lab's PostgreSQL servers live: {@code STATE_DIR/pg/REGION}. */
    public static Path postgresRoot(Addresses addresses) {
        return postgresRoot(addresses.stateDir());
    }

    public static Path postgresRoot(Path stateDir) {
        return stateDir.resolve("pg");
    }

    public static LabPlan of(Path file, Topology topology, Addresses addresses) {
        return new LabPlan(file, topology, addresses);
    }

    private static String coordinatorUrl(Addresses addresses) {
        return "http://127.0.0.1:" + addresses.coordinatorPort();
    }

    public Topology topology() {
        return topology;
    }

    public Addresses addresses() {
        return addresses;
    }

    public DeploymentLayout layout() {
        return layout;
    }

    public String coordinatorUrl() {
        return coordinatorUrl(addresses);
    }

    public InetSocketAddress coordinator() {
        return new InetSocketAddress("127.0.0.1", addresses.coordinatorPort());
    }

    public Duration roundTrip() {
        return topology.networkOrNone().roundTripOrZero();
    }

    /** Where backups go (backup and restore); empty when the topology keeps none. */
    public Optional<Path> backupDir() {
        return backup().map(b -> addresses.backupDir() != null ? addresses.backupDir() : addresses.stateDir().resolve("backups"));
    }

    /**
     * The regions that run a store node from the start, with where it listens: every region with a global database; with
     * backup and restore only the primary (the standby's node is restored from a backup on failover), except on PostgreSQL,
     * where every region's keeper runs from the start and the standby's waits without a server until the restore.
     */
    public Map<String, InetSocketAddress> storeNodes() {
        Map<String, InetSocketAddress> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, Region> region : topology.regions().entrySet()) {
            if (database().isPresent() || postgres().isPresent() && regionsOf(postgres().get().getValue()).contains(region.getKey())
                    || (backup().isPresent() && region.getKey().equals(primary()))) {
                nodes.put(region.getKey(), address(layout.storeUrls().get(region.getKey()).substring("http://".length())));
            }
        }
        return nodes;
    }

    /** The addresses of the regions that run a store node: each gets links to the others through the fault proxy. */
    public Map<String, String> linkedRegions() {
        Map<String, String> regions = new LinkedHashMap<>();
        storeNodes().keySet().forEach(region -> regions.put(region, topology.regions().get(region).address()));
        return regions;
    }

    /** Every process, in start order: the coordinator, a store node per region that runs one, the DNS server, the controller. */
    public List<LabProcess> processes(Links links) {
        List<LabProcess> processes = new ArrayList<>();
        processes.add(new LabProcess("coordinator", List.of("store", "coordinator", "--listen", "127.0.0.1:" + addresses.coordinatorPort(),
                "--state", addresses.stateDir().resolve("coordinator.json").toString())));
        Map<String, InetSocketAddress> nodes = storeNodes();
        if (postgres().isPresent()) {
            processes.addAll(postgresKeepers(links));
        }
        for (String region : postgres().isPresent() ? List.<String>of() : nodes.keySet()) {
            List<String> args = new ArrayList<>(List.of("store", "serve", "--region", region,
                    "--data", addresses.stateDir().resolve("data").resolve(region).toString(),
                    "--listen", layout.storeUrls().get(region).substring("http://".length()),
                    "--coordinator", links.url(region, LabLinks.COORDINATOR),
                    "--initial-writer", database().map(d -> d.getValue().writer()).orElse(primary()),
                    "--lease", Durations.format(database().map(d -> d.getValue().lease()).orElse(Duration.ofSeconds(2)))));
            for (String peer : nodes.keySet()) {
                args.add("--peer"); // its own URL, and every other region's through the lab link
                args.add(peer + "=" + (peer.equals(region) ? layout.storeUrls().get(peer) : links.url(region, peer)));
            }
            backupDir().ifPresent(dir -> args.addAll(List.of("--backup-dir", dir.toString(), "--backup-interval",
                    Durations.format(backup().get().getValue().interval()))));
            processes.add(new LabProcess("store-" + region, args));
        }
        processes.add(new LabProcess("dns", List.of("dns", "serve", file.toString(), "--listen", addresses.dns(), "--admin",
                addresses.dnsAdmin(), "--state-dir", addresses.stateDir().resolve("dns").toString())));
        List<String> controller = new ArrayList<>(List.of("controller", file.toString(), "--state-dir",
                addresses.stateDir().resolve("controller").toString(), "--store-port", Integer.toString(addresses.storePort()),
                "--dns", addresses.dns(), "--dns-admin", addresses.dnsAdmin(), "--coordinator", coordinatorUrl()));
        backupDir().ifPresent(dir -> controller.addAll(List.of("--backup-dir", dir.toString())));
        if (postgres().isPresent()) {
            controller.addAll(List.of("--postgres-root", postgresRoot(addresses).toString()));
        }
        processes.add(new LabProcess("controller", controller));
        return processes;
    }

    /**
     * One keeper per region of a PostgreSQL global database (named store-REGION, as a store node: a region outage kills it),
     * the writer's first: its server on the region's address and the store port, reaching the others' servers and the
     * coordinator through its lab links, so a partition cuts its replication and its lease.
     */
    private List<LabProcess> postgresKeepers(Links links) {
        Map.Entry<String, DataStore> database = postgres().orElseThrow();
        Map<String, String> endpoints = layout.endpoints(database.getKey());
        List<String> regions = new ArrayList<>(storeNodes().keySet());
        String writer = database.getValue().writer() != null ? database.getValue().writer() : primary();
        regions.sort((a, b) -> Boolean.compare(!a.equals(writer), !b.equals(writer)));
        List<LabProcess> keepers = new ArrayList<>();
        for (String region : regions) {
            String coordinator = links.url(region, LabLinks.COORDINATOR);
            StringBuilder own = new StringBuilder(endpoints.get(region)).append("&lease=").append(coordinator);
            for (String peer : regions) {
                if (!peer.equals(region)) {
                    own.append("&via.").append(peer).append('=').append(links.url(region, peer).substring("http://".length()));
                }
            }
            List<String> args = new ArrayList<>(List.of("store", "postgres", file.toString(), "--store", database.getKey(), "--region", region,
                    "--coordinator", coordinator, "--initial-writer", writer, "--endpoint", region + "=" + own));
            backupDir().ifPresent(dir -> args.addAll(List.of("--backup-dir", dir.toString())));
            for (String peer : regions) {
                if (!peer.equals(region)) {
                    args.addAll(List.of("--endpoint", peer + "=" + endpoints.get(peer)));
                }
            }
            keepers.add(new LabProcess("store-" + region, args));
        }
        return keepers;
    }

    /** Where a lab child finds the lab's certificate (PKCS12) for HTTPS services. */
    public static final String LAB_CERTIFICATE_ENV = "PILOTLIGHT_LAB_CERTIFICATE";

    /** A service's health check is HTTPS: its instances serve the lab's certificate. */
    public boolean needsCertificate() {
        return topology.services().values().stream()
                .anyMatch(s -> s.healthCheck() != null && s.healthCheck().type() == io.pilotlight.topology.HealthCheckType.HTTPS);
    }

    public Path certificateFile() {
        return certificateFile(addresses.stateDir());
    }

    /** {@code STATE_DIR/tls/lab-services.p12} (and {@code .pem} beside it). */
    public static Path certificateFile(Path stateDir) {
        return stateDir.resolve("tls").resolve("lab-services.p12");
    }

    /** The addresses the lab's HTTPS services are reached at: every region's and endpoint's. */
    public List<String> certificateAddresses() {
        Set<String> all = new LinkedHashSet<>();
        topology.regions().values().forEach(r -> {
            if (r.address() != null) {
                all.add(r.address());
            }
        });
        topology.services().values().forEach(s -> s.endpoints().values().forEach(e -> all.add(e.address())));
        return List.copyOf(all);
    }

    /** The names HTTPS checks send (their fqdn). */
    public List<String> certificateNames() {
        Set<String> all = new LinkedHashSet<>();
        topology.services().values().forEach(s -> {
            if (s.healthCheck() != null && s.healthCheck().fqdn() != null) {
                all.add(s.healthCheck().fqdn());
            }
        });
        topology.healthChecks().values().forEach(c -> {
            if (c.fqdn() != null) {
                all.add(c.fqdn());
            }
        });
        return List.copyOf(all);
    }

    /** The global database or the backup store on PostgreSQL, when the topology's is. */
    public Optional<Map.Entry<String, DataStore>> postgres() {
        return database().filter(d -> "postgres".equals(d.getValue().engine()))
                .or(() -> backup().filter(b -> "postgres".equals(b.getValue().engine())));
    }

    /** Every address the lab serves on: nothing else may listen there when it starts. */
    public Set<InetSocketAddress> servedAddresses() {
        Set<InetSocketAddress> all = new LinkedHashSet<>();
        layout.storeUrls().values().forEach(url -> all.add(address(url.substring("http://".length()))));
        layout.services().values().forEach(byRegion -> byRegion.values().forEach(listen -> all.add(address(listen))));
        all.add(address(addresses.dns()));
        all.add(address(addresses.dnsAdmin()));
        all.add(coordinator());
        return all;
    }

    /** The names clients resolve: one per zone, its first routed record set. */
    public List<String> routedNames() {
        List<String> names = new ArrayList<>();
        topology.dnsOrEmpty().zones().forEach((zone, content) -> content.recordSets().stream().filter(s -> s.hasRoutingPolicy()).findFirst()
                .ifPresent(set -> names.add(DnsNames.absolute(set.name(), zone))));
        return names;
    }

    private Optional<Map.Entry<String, DataStore>> database() {
        return topology.dataStores().entrySet().stream()
                .filter(e -> e.getValue().kind() == DataStoreKind.GLOBAL_DATABASE
                        && List.of("embedded", "postgres").contains(e.getValue().engine())).findFirst();
    }

    private Optional<Map.Entry<String, DataStore>> backup() {
        return topology.dataStores().entrySet().stream()
                .filter(e -> e.getValue().kind() == DataStoreKind.BACKUP && List.of("embedded", "postgres").contains(e.getValue().engine()))
                .findFirst();
    }

    /** A data store's regions: as listed, or every region but witnesses. */
    private List<String> regionsOf(DataStore store) {
        return !store.regions().isEmpty() ? store.regions() : topology.regions().entrySet().stream()
                .filter(r -> r.getValue().role() != RegionRole.WITNESS).map(Map.Entry::getKey).toList();
    }

    private String primary() {
        return topology.regions().entrySet().stream().filter(e -> e.getValue().role() == RegionRole.PRIMARY)
                .map(Map.Entry::getKey).findFirst().orElse(topology.regions().keySet().iterator().next());
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
