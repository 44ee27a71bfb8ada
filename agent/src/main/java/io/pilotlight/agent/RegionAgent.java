package io.pilotlight.agent;

import io.pilotlight.agent.compute.ComputeReconciler;
import io.pilotlight.agent.compute.SharedCompute;
import io.pilotlight.agent.control.EtcdLeadership;
import io.pilotlight.agent.control.EtcdPrimaryRecord;
import io.pilotlight.agent.control.EtcdProgressStore;
import io.pilotlight.agent.etcd.AgentSession;
import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.shared.EtcdControlStore;
import io.pilotlight.agent.shared.SharedHealthVerdicts;
import io.pilotlight.dns.service.DnsService;
import io.pilotlight.engine.postgres.PostgresRegionKeeper;
import io.pilotlight.engine.postgres.ServerPassword;
import io.pilotlight.health.HealthMonitor;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.orchestrator.compute.ComputeProvider;
import io.pilotlight.orchestrator.live.ControlPlane;
import io.pilotlight.orchestrator.live.ControllerLoop;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.Coordinators;
import io.pilotlight.store.coord.EtcdTarget;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.StoreServer;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code pilotlight agent FILE --region R}: everything the topology puts in region R, in one process,
 * coordinated with the other regions' agents through etcd: the region's store node (its writer lease
 * and epochs from etcd), its health vantage point, its DNS server, its service instances (brought to
 * the count the controller leader asks for) and a controller candidate (one leader acts; the others
 * watch and take over within one lease). A witness region (an etcd member and nothing else) runs only
 * its health vantage point, a third opinion on every check.
 */
public final class RegionAgent implements AutoCloseable {
    private final List<AutoCloseable> parts = new ArrayList<>(); // closed in reverse order
    private final AgentPlan plan;
    private final Consumer<String> log;
    private StoreServer store;
    private PostgresRegionKeeper postgres;
    private DnsService dns;
    private ControllerLoop controller;
    private EtcdLeadership leadership;

    private RegionAgent(AgentPlan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
    }

    /**
     * Starts the region's parts in order (store, health, DNS, compute, controller); a failure stops what started.
     *
     * @param localCompute runs this region's instances (the CLI's local-process provider)
     */
    public static RegionAgent start(AgentOptions options, ServerAuth auth, ComputeProvider localCompute, Consumer<String> log) throws Exception {
        Topology topology = TopologyLoader.load(options.topologyFile()).topology();
        AgentPlan plan = AgentPlan.of(topology, options, auth.scheme());
        // before anything listens or touches etcd: an agent's control endpoints beyond loopback need tokens
        ServerAuth.requireProtected("agent of " + plan.region(), new InetSocketAddress(plan.address(), options.dnsAdminPort()), auth.enabled());
        if (plan.postgresStore() != null) {
            ServerPassword.requireBeyondLoopback(plan.region() + "'s PostgreSQL server of " + plan.postgresStore(), plan.address());
        }
        RegionAgent agent = new RegionAgent(plan, log);
        try {
            agent.startParts(options, auth, localCompute);
            return agent;
        } catch (Exception | Error e) {
            agent.close();
            throw e;
        }
    }

    private void startParts(AgentOptions options, ServerAuth auth, ComputeProvider localCompute) throws Exception {
        EtcdKv kv = track(new EtcdKv(options.etcd(), Duration.ofSeconds(1)));
        awaitEtcd(kv);
        AgentSession session = track(new AgentSession(kv, options.sessionTtl(), line -> log.accept("etcd: " + line)));
        if (plan.storeName() != null) {
            store = track(startStore(options, auth));
            log.accept("store " + plan.storeName() + ": " + plan.region() + " on " + plan.layout().storeUrls().get(plan.region()) + " as "
                    + store.node().role().name().toLowerCase());
        }
        if (plan.postgresStore() != null) {
            postgres = track(startPostgres(options));
            log.accept("postgres " + plan.postgresStore() + ": " + plan.region() + " on " + plan.address() + ":" + options.storePort()
                    + " (" + options.postgresRoot().resolve(plan.region()) + "), writer lease in etcd");
        }
        // one checker here; every other region's checker votes through etcd, so every region judges alike
        HealthMonitor health = track(SharedHealthVerdicts.monitorFor(plan.topology(), VantagePoint.bound(plan.region(), plan.address()))
                .clock(Clock.systemUTC()).build());
        health.start();
        track(SharedHealthVerdicts.start(kv, health, plan.region(), session::lease, SharedHealthVerdicts.Settings.DEFAULTS));
        if (plan.isWitness()) {
            log.accept("witness: health vantage point only (no service, data, DNS or controller here)");
            return;
        }
        Path dnsState = options.stateDir().resolve("dns");
        dns = track(DnsService.start(new DnsService.Options(options.topologyFile(), new InetSocketAddress(plan.address(), options.dnsPort()),
                new InetSocketAddress(plan.address(), options.dnsAdminPort()), dnsState, 1,
                List.of(VantagePoint.bound(plan.region(), plan.address())), null, Clock.systemUTC())
                .withHealth(health)
                .withControlStore(new EtcdControlStore(kv, dnsState.resolve("routing-controls.last-known.json"), Duration.ofMillis(250))), auth));
        log.accept("dns: " + plan.address() + ":" + options.dnsPort() + ", admin " + plan.address() + ":" + options.dnsAdminPort());
        track(localCompute);
        track(new ComputeReconciler(session, plan.region(), plan.topology().compute().keySet(), localCompute,
                line -> log.accept("compute: " + line)));
        leadership = track(new EtcdLeadership(kv, plan.region(), options.controllerLease(), System::nanoTime,
                line -> log.accept("controller: " + line)));
        ControlPlane plane = new ControlPlane(leadership, new EtcdPrimaryRecord(kv, leadership, ControllerLoop.initialPrimary(plan.topology())),
                new EtcdProgressStore(kv, leadership));
        SharedCompute compute = new SharedCompute(kv, leadership, computePatience());
        controller = track(new ControllerLoop(plan.topology(), plan.layout(), compute, null, health, options.stateDir().resolve("controller"),
                plane, Clock.systemUTC(), line -> log.accept("controller: " + line)));
        controller.start();
    }

    /** The first call is slow (the client connects, classes load): wait for one answer before starting anything that leases. */
    private void awaitEtcd(EtcdKv kv) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                kv.get(EtcdLeadership.KEY);
                return;
            } catch (io.pilotlight.agent.etcd.EtcdUnreachableException e) {
                if (last == null) {
                    log.accept("waiting for etcd " + kv.target() + ": " + e.getMessage());
                }
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        log.accept("etcd " + kv.target() + " still unreachable after 30s (" + last + "); starting anyway: nothing that needs etcd acts until it answers");
    }

    /** Long enough for a region's agent to start its instances (they report once started, not once healthy). */
    private Duration computePatience() {
        return Duration.ofSeconds(60);
    }

    private StoreServer startStore(AgentOptions options, ServerAuth auth) throws Exception {
        DataStore spec = plan.topology().dataStores().get(plan.storeName());
        EtcdTarget leases = new EtcdTarget(options.etcd().endpoints(), options.etcd().prefix() + "/stores/" + plan.storeName());
        ReplicationMode mode = spec.replication() != null && spec.replication().mode() == io.pilotlight.topology.ReplicationMode.SYNC
                ? ReplicationMode.SYNC : ReplicationMode.ASYNC;
        // as in the lab: lag_bound is the planner's RPO bound, not a commit guard (a guard would stop all writes after a
        // regional failover, until the lost region is back); `pilotlight store serve --lag-bound` sets one where wanted
        Duration lagBound = null;
        var coordinator = Coordinators.open(leases.toString(), Duration.ofSeconds(10));
        if (coordinator instanceof AutoCloseable client) {
            track(client); // its etcd client, closed after the node (parts close in reverse order)
        }
        NodeConfig config = new NodeConfig(plan.region(), options.stateDir().resolve("stores").resolve(plan.storeName()),
                new InetSocketAddress(plan.address(), options.storePort()), plan.storePeers(),
                coordinator, spec.lease(), mode, lagBound, Duration.ofSeconds(3), false,
                spec.writer() == null ? ControllerLoop.initialPrimary(plan.topology()) : spec.writer(), Clock.systemUTC());
        return StoreServer.start(config, auth, null);
    }

    /**
     * The region's keeper of its PostgreSQL server (created on first start: initdb in the first writer's region, a copy of the
     * writer elsewhere), guarding it under the writer lease in etcd; the controller leader promotes through the same lease.
     */
    private PostgresRegionKeeper startPostgres(AgentOptions options) throws InterruptedException {
        DataStore spec = plan.topology().dataStores().get(plan.postgresStore());
        String writer = spec.writer() == null ? ControllerLoop.initialPrimary(plan.topology()) : spec.writer();
        return PostgresRegionKeeper.start(plan.postgresStore(), spec, plan.layout().endpoints(plan.postgresStore()), plan.region(), writer,
                line -> log.accept("postgres: " + line));
    }

    private <T extends AutoCloseable> T track(T part) {
        parts.add(part);
        return part;
    }

    public AgentPlan plan() {
        return plan;
    }

    /** The controller candidate, or null in a witness region. */
    public ControllerLoop controller() {
        return controller;
    }

    public DnsService dns() {
        return dns;
    }

    public StoreServer store() {
        return store;
    }

    /** Whether this agent's controller is the one that acts now. */
    public boolean leads() {
        return leadership != null && leadership.mayNotAct().isEmpty();
    }

    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                log.accept("stopping " + parts.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        parts.clear();
    }

    /**
     * What the topology puts in one region, worked out before anything starts: whether it is a witness, the one
     * embedded global database whose node it runs, the store's peers, and where everything listens.
     */
    public record AgentPlan(Topology topology, String region, String address, boolean isWitness, String storeName,
                            String postgresStore, Map<String, String> storePeers, DeploymentLayout layout) {
        /** @param scheme {@code https} when the agents serve TLS ({@code ServerAuth.scheme()}), else {@code http} */
        public static AgentPlan of(Topology topology, AgentOptions options, String scheme) {
            Region region = topology.regions().get(options.region());
            if (region == null) {
                throw new IllegalArgumentException("--region " + options.region() + " is not a region of " + options.topologyFile()
                        + "; regions: " + topology.regions().keySet());
            }
            if (region.address() == null) {
                throw new IllegalArgumentException(options.topologyFile() + ": regions." + options.region() + ".address is missing;"
                        + " an agent listens on its region's address (e.g. 10.0.1.5)");
            }
            String admin = region.address() + ":" + options.dnsAdminPort();
            DeploymentLayout layout = DeploymentLayout.conventional(topology, scheme, options.storePort(),
                    region.address() + ":" + options.dnsPort(), scheme.equals("https") ? "https://" + admin : admin, null);
            boolean witness = region.role() == RegionRole.WITNESS;
            String storeName = witness ? null : embeddedDatabase(topology, options.region());
            Map<String, String> peers = new LinkedHashMap<>();
            if (storeName != null) {
                for (String name : storeRegions(topology, storeName)) {
                    peers.put(name, layout.storeUrls().get(name));
                }
            }
            String postgresStore = witness ? null : database(topology, options.region(), "postgres");
            if (postgresStore != null) {
                layout = layout.withEngineEndpoints(postgresStore, postgresEndpoints(topology, postgresStore, options, layout));
            }
            return new AgentPlan(topology, options.region(), region.address(), witness, storeName, postgresStore, Map.copyOf(peers), layout);
        }

        /**
         * This region's server managed here ({@code pgmanaged:ROOT/REGION} on the region's address and the store port), every
         * other region's reached over the network at the same place (its own agent manages it), the writer lease in etcd, and
         * this process's engine an observer ({@code @guard none}): the region's keeper guards the server.
         */
        private static Map<String, String> postgresEndpoints(Topology topology, String store, AgentOptions options, DeploymentLayout layout) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            for (String name : storeRegions(topology, store)) {
                String storeUrl = layout.storeUrls().get(name);
                java.net.URI at = java.net.URI.create(storeUrl);
                endpoints.put(name, name.equals(options.region()) ? DeploymentLayout.managedPostgres(options.postgresRoot(), name, storeUrl)
                        : "postgresql://" + at.getHost() + ":" + at.getPort() + "/postgres?user=postgres");
            }
            endpoints.put("@lease", new EtcdTarget(options.etcd().endpoints(), options.etcd().prefix() + "/stores/" + store).toString());
            endpoints.put("@guard", "none");
            return endpoints;
        }

        /** The embedded global database with a copy in the region (the agent runs one store node, as the lab does). */
        private static String embeddedDatabase(Topology topology, String region) {
            return database(topology, region, "embedded");
        }

        /** The first global database of {@code engine} with a copy in the region. */
        private static String database(Topology topology, String region, String engine) {
            return topology.dataStores().entrySet().stream()
                    .filter(e -> e.getValue().kind() == io.pilotlight.topology.DataStoreKind.GLOBAL_DATABASE)
                    .filter(e -> engine.equals(e.getValue().engine()))
                    .filter(e -> storeRegions(topology, e.getKey()).contains(region))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
        }

        private static List<String> storeRegions(Topology topology, String store) {
            List<String> declared = topology.dataStores().get(store).regions();
            if (!declared.isEmpty()) {
                return declared;
            }
            return topology.regions().entrySet().stream().filter(e -> e.getValue().role() != RegionRole.WITNESS).map(Map.Entry::getKey).toList();
        }
    }
}
