package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;

import io.pilotlight.health.VantagePoint;
import io.pilotlight.orchestrator.compute.InstanceLauncher;
import io.pilotlight.orchestrator.compute.LocalProcessProvider;
import io.pilotlight.orchestrator.live.DeploymentLayout;
import io.pilotlight.sample.SampleMain;
import io.pilotlight.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** Where a running deployment's parts are, and how the controller starts service instances. */
final class DeploymentOptions {
    @Option(names = "--state-dir", description = "Where state is kept: runbook progress, audit log, instances (default: the command's own, e.g. .pilotlight/controller).")
    Path stateDir;

    /** Each command has its own default state directory; an explicit --state-dir wins. */
    void defaultStateDir(String fallback) {
        if (stateDir == null) {
            stateDir = Path.of(fallback);
        }
    }

    @Option(names = "--store-port", defaultValue = "7001", description = "Port of every region's store node, on the region's address (default: ${DEFAULT-VALUE}).")
    int storePort;

    @Option(names = "--dns", defaultValue = "127.0.0.1:5353", description = "The Pilotlight DNS server (default: ${DEFAULT-VALUE}).")
    String dns;

    @Option(names = "--dns-admin", defaultValue = "127.0.0.1:5380", description = "Its admin API (default: ${DEFAULT-VALUE}).")
    String dnsAdmin;

    @Option(names = "--coordinator", defaultValue = "http://127.0.0.1:7000", description = "The store coordinator, for store nodes the controller starts (default: ${DEFAULT-VALUE}).")
    String coordinator;

    @Option(names = "--backup-dir", description = "Where the primary's store backups are (backup and restore): restored into the standby on failover.")
    Path backupDir;

    @Option(names = "--postgres-root", description = {"Where the managed PostgreSQL servers of an engine: postgres global database are",
        "(ROOT/REGION, each on its region's address and --store-port, kept by pilotlight store postgres); the writer lease is",
        "in --coordinator. The lab sets it."})
    Path postgresRoot;

    DeploymentLayout layout(Topology topology) {
        DeploymentLayout layout = DeploymentLayout.conventional(topology, storePort, dns, dnsAdmin, null);
        return postgresRoot == null ? layout : layout.withManagedPostgres(topology, postgresRoot, coordinator, backupDir);
    }

    /** Each instance: the service's own command, or the sample service, with REGION, LISTEN, STORE_NODES and FAULT_FILE set. */
    LocalProcessProvider compute(Topology topology, DeploymentLayout layout) {
        String storeNodes = layout.storeUrls().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        InstanceLauncher launcher = (service, region, index) -> {
            if (service.startsWith(STORE_SERVICE)) {
                return storeNode(topology, layout, region);
            }
            String command = topology.services().get(service).command();
            List<String> argv = new ArrayList<>();
            if (command == null) {
                argv.addAll(SelfLaunch.java(SampleMain.class.getName()));
            } else {
                argv.addAll(List.of("/bin/sh", "-c", command));
            }
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().putAll(instanceEnvironment);
            builder.environment().put("REGION", region);
            builder.environment().put("LISTEN", layout.services().get(service).get(region));
            builder.environment().put("STORE_NODES", storeNodes);
            postgresUrls(layout, region).forEach(builder.environment()::put);
            var check = topology.services().get(service).healthCheck();
            if (check != null && check.type() == io.pilotlight.topology.HealthCheckType.HTTPS) {
                builder.environment().put("SERVICE_TLS_KEYSTORE", labCertificate(topology).toString());
            }
            builder.environment().put("INSTANCE", Integer.toString(index));
            builder.environment().put("FAULT_FILE", faultFile(stateDir, service, region).toAbsolutePath().toString());
            return builder;
        };
        InstanceLauncher withoutReadyFile = (service, region, index) -> {
            ProcessBuilder builder = launcher.launch(service, region, index);
            builder.environment().remove(Ready.FILE_ENV); // the controller's own ready file is not theirs to write
            return builder;
        };
        return new LocalProcessProvider(withoutReadyFile, stateDir);
    }

    /**
     * A service instance beside a PostgreSQL global database: JDBC_URL names every region's server and lets pgJDBC pick the
     * primary (targetServerType=primary, as users' own services should), JDBC_LOCAL the region's own server (health).
     */
    static Map<String, String> postgresUrls(DeploymentLayout layout, String region) {
        for (Map<String, String> endpoints : layout.engineEndpoints().values()) {
            List<String> hosts = new ArrayList<>();
            String local = null;
            for (String server : endpoints.keySet()) {
                if (server.startsWith("@") || layout.storeUrls().get(server) == null) {
                    continue; // @lease, @guard
                }
                // a managed server listens where the region's store would (DeploymentLayout.withManagedPostgres), and an agent
                // reaches the other regions' servers there too
                java.net.URI at = java.net.URI.create(layout.storeUrls().get(server));
                if (!endpoints.get(server).startsWith("pgmanaged:")
                        && !endpoints.get(server).startsWith("postgresql://" + at.getHost() + ":" + at.getPort() + "/")) {
                    continue; // a server of the user's own, elsewhere
                }
                hosts.add(at.getHost() + ":" + at.getPort());
                if (server.equals(region)) {
                    local = at.getHost() + ":" + at.getPort();
                }
            }
            if (!hosts.isEmpty()) {
                Map<String, String> env = new java.util.LinkedHashMap<>();
                env.put("JDBC_URL", io.pilotlight.sample.JdbcItems.primaryUrl(hosts));
                if (local != null) {
                    env.put("JDBC_LOCAL", io.pilotlight.sample.JdbcItems.serverUrl(local));
                }
                return env;
            }
        }
        return Map.of();
    }

    /**
     * The certificate instances of a service with an HTTPS health check serve (the sample service): the lab's own,
     * self-signed, for every region and endpoint address and the checks' names, made once in STATE_DIR/tls.
     */
    java.nio.file.Path labCertificate(Topology topology) {
        String fromLab = System.getenv(io.pilotlight.drill.lab.LabPlan.LAB_CERTIFICATE_ENV);
        if (fromLab != null && !fromLab.isBlank()) {
            return java.nio.file.Path.of(fromLab); // the lab made it before it started anything, and its checks trust it
        }
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        topology.regions().values().forEach(r -> {
            if (r.address() != null) {
                addresses.add(r.address());
            }
        });
        topology.services().values().forEach(s -> {
            s.endpoints().values().forEach(e -> addresses.add(e.address()));
            if (s.healthCheck() != null && s.healthCheck().fqdn() != null) {
                names.add(s.healthCheck().fqdn());
            }
        });
        try {
            return io.pilotlight.http.tls.LabCertificate.ensure(labCertificateFile(stateDir), addresses, names);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the lab's certificate for HTTPS services: " + e.getMessage(), e);
        }
    }

    /** Where the controller keeps the lab's certificate; the drill's clients trust it from there. */
    public static java.nio.file.Path labCertificateFile(java.nio.file.Path controllerState) {
        return controllerState.resolve("tls").resolve("lab-services.p12");
    }

    /** Extra environment of every instance (an agent's TLS files). */
    final java.util.Map<String, String> instanceEnvironment = new java.util.LinkedHashMap<>();

    static final String STORE_SERVICE = "store:";

    static Path faultFile(Path controllerState, String service, String region) {
        return io.pilotlight.drill.GrayFailure.faultFile(controllerState, service, region);
    }

    /** A store node in the region, on the data directory a restore filled, joining the deployment's coordinator. */
    private ProcessBuilder storeNode(Topology topology, DeploymentLayout layout, String region) {
        List<String> argv = SelfLaunch.pilotlight(List.of("store", "serve", "--region", region,
                "--data", restoredData(region).toString(), "--listen", layout.storeUrls().get(region).substring("http://".length()),
                "--coordinator", coordinator, "--initial-writer", region));
        layout.storeUrls().forEach((name, url) -> {
            argv.add("--peer");
            argv.add(name + "=" + url);
        });
        return new ProcessBuilder(argv);
    }

    Path restoredData(String region) {
        return stateDir.resolve("stores").resolve(region);
    }

    /** Backup and restore: the latest backup into the standby's data directory, then its store node started there. */
    io.pilotlight.engine.EngineFactory.Restorer restorer(LocalProcessProvider compute) {
        return (store, region) -> {
            if (backupDir == null) {
                throw new IllegalStateException("no --backup-dir given: nothing to restore " + store + " from");
            }
            String restored = java.nio.file.Files.exists(restoredData(region)) ? "data already restored"
                    : "restored " + io.pilotlight.store.node.Backups.restoreLatest(backupDir, restoredData(region)).getFileName();
            return restored + "; " + compute.scale(STORE_SERVICE + store, region, 1);
        };
    }

    static List<VantagePoint> vantagePoints(Topology topology) {
        List<VantagePoint> points = new ArrayList<>();
        topology.regions().forEach((name, region) -> points.add(region.address() == null ? VantagePoint.of(name)
                : VantagePoint.bound(name, region.address())));
        return points;
    }
}
