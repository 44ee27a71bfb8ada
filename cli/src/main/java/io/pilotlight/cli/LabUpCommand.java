package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotlight.drill.lab.LabFile;
import io.pilotlight.drill.lab.LabLinks;
import io.pilotlight.drill.lab.LabLock;
import io.pilotlight.drill.lab.PortOwners;
import io.pilotlight.drill.lab.ProcessIdentity;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts every region of a topology on this machine and stays in the foreground as the lab's",
            "supervisor: the store coordinator, a store node per region (each on its region's address), the DNS server",
            "and the controller (which runs the service instances); every inter-region link goes through a fault-injecting",
            "proxy with the topology's network.round_trip. Ctrl-C or `pilotlight lab down` stops everything;",
            "if the supervisor itself dies, its children notice and exit."})
final class LabUpCommand implements Callable<Integer> {
    private static LabLock heldLock;

    @Parameters(paramLabel = "FILE", description = "Topology file; every region needs an address (127.0.1.1, 127.0.2.1, ...).")
    Path file;

    @Option(names = "--coordinator-port", defaultValue = "7000", description = "Port of the store coordinator on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int coordinatorPort;

    @CommandLine.Mixin
    DeploymentOptions deployment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology topology = TopologyLoader.load(file).topology();
        deployment.defaultStateDir(".pilotlight/lab");
        LabLock lock;
        try {
            lock = LabLock.take(deployment.stateDir); // held for the supervisor's life: one lab per state directory
            heldLock = lock; // a strong reference: an unreachable channel could be closed by the cleaner, releasing the lock
        } catch (LabLock.LabBusyException busy) {
            spec.commandLine().getErr().println("pilotlight lab: " + busy.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path logs = deployment.stateDir.resolve("logs");
        Files.createDirectories(logs);
        Path ready = deployment.stateDir.resolve("ready");
        Files.createDirectories(ready);
        String coordinator = "http://127.0.0.1:" + coordinatorPort;
        deployment.coordinator = coordinator;
        var layout = deployment.layout(topology);
        List<String> taken = PortOwners.on(labAddresses(layout, coordinatorPort)).stream().map(PortOwners.Listener::describe).toList();
        if (!taken.isEmpty()) {
            spec.commandLine().getErr().println("pilotlight lab: cannot start: something else serves on the lab's addresses (a stray"
                    + " process of an earlier lab would answer for this one and falsify what is measured):\n  " + String.join("\n  ", taken)
                    + "\nstop it (e.g. kill " + taken.size() + " process" + (taken.size() == 1 ? "" : "es") + " above) or choose other"
                    + " addresses/ports (--store-port, --dns, --dns-admin, --coordinator-port)");
            lock.close();
            return ExitCodes.BAD_INPUT;
        }
        List<Process> children = new ArrayList<>();
        Map<String, ProcessIdentity> pids = new LinkedHashMap<>();
        var out = spec.commandLine().getOut();
        LabLinks[] links = new LabLinks[1];
        Runnable stopAll = () -> {
            for (int i = children.size() - 1; i >= 0; i--) {
                children.get(i).destroy();
            }
            for (Process child : children) {
                try {
                    if (!child.waitFor(10, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }
            if (links[0] != null) {
                links[0].close();
            }
        };
        try {
            start(children, pids, logs, "coordinator", "store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort,
                    "--state", deployment.stateDir.resolve("coordinator.json").toString());
            Optional<Map.Entry<String, DataStore>> database = topology.dataStores().entrySet().stream()
                    .filter(e -> e.getValue().kind() == DataStoreKind.GLOBAL_DATABASE && "embedded".equals(e.getValue().engine())).findFirst();
            Optional<Map.Entry<String, DataStore>> backup = topology.dataStores().entrySet().stream()
                    .filter(e -> e.getValue().kind() == DataStoreKind.BACKUP && "embedded".equals(e.getValue().engine())).findFirst();
            String primary = topology.regions().entrySet().stream().filter(e -> e.getValue().role() == io.pilotlight.topology.RegionRole.PRIMARY)
                    .map(Map.Entry::getKey).findFirst().orElse(topology.regions().keySet().iterator().next());
            Map<String, java.net.InetSocketAddress> storeNodes = new LinkedHashMap<>();
            Map<String, String> addresses = new LinkedHashMap<>();
            for (Map.Entry<String, Region> region : topology.regions().entrySet()) {
                if (database.isPresent() || (backup.isPresent() && region.getKey().equals(primary))) {
                    // backup and restore: only the primary runs a store until a disaster
                    String url = layout.storeUrls().get(region.getKey()).substring("http://".length());
                    storeNodes.put(region.getKey(), new java.net.InetSocketAddress(url.substring(0, url.lastIndexOf(':')),
                            Integer.parseInt(url.substring(url.lastIndexOf(':') + 1))));
                    addresses.put(region.getKey(), region.getValue().address());
                }
            }
            links[0] = LabLinks.start(addresses, storeNodes, new java.net.InetSocketAddress("127.0.0.1", coordinatorPort),
                    topology.networkOrNone().roundTripOrZero());
            for (Map.Entry<String, Region> region : topology.regions().entrySet()) {
                if (!storeNodes.containsKey(region.getKey())) {
                    continue;
                }
                List<String> args = new ArrayList<>(List.of("store", "serve", "--region", region.getKey(),
                        "--data", deployment.stateDir.resolve("data").resolve(region.getKey()).toString(),
                        "--listen", layout.storeUrls().get(region.getKey()).substring("http://".length()),
                        "--coordinator", links[0].url(region.getKey(), LabLinks.COORDINATOR),
                        "--initial-writer", database.map(d -> d.getValue().writer()).orElse(primary),
                        "--lease", io.pilotlight.topology.Durations.format(database.map(d -> d.getValue().lease()).orElse(java.time.Duration.ofSeconds(2)))));
                for (String peer : storeNodes.keySet()) {
                    args.add("--peer"); // its own URL, and every other region's through the lab link
                    args.add(peer + "=" + (peer.equals(region.getKey()) ? layout.storeUrls().get(peer) : links[0].url(region.getKey(), peer)));
                }
                if (backup.isPresent()) {
                    Path backups = deployment.backupDir != null ? deployment.backupDir : deployment.stateDir.resolve("backups");
                    deployment.backupDir = backups;
                    args.addAll(List.of("--backup-dir", backups.toString(), "--backup-interval",
                            io.pilotlight.topology.Durations.format(backup.get().getValue().interval())));
                }
                start(children, pids, logs, "store-" + region.getKey(), args.toArray(String[]::new));
            }
            start(children, pids, logs, "dns", "dns", "serve", file.toString(), "--listen", deployment.dns, "--admin", deployment.dnsAdmin,
                    "--state-dir", deployment.stateDir.resolve("dns").toString());
            List<String> controller = new ArrayList<>(List.of("controller", file.toString(), "--state-dir",
                    deployment.stateDir.resolve("controller").toString(), "--store-port", Integer.toString(deployment.storePort),
                    "--dns", deployment.dns, "--dns-admin", deployment.dnsAdmin, "--coordinator", coordinator));
            if (deployment.backupDir != null) {
                controller.addAll(List.of("--backup-dir", deployment.backupDir.toString()));
            }
            start(children, pids, logs, "controller", controller.toArray(String[]::new));
            awaitReady(ready, logs, "controller", children.get(children.size() - 1), TimeUnit.MINUTES.toNanos(5));
        } catch (Exception failed) {
            stopAll.run();
            throw failed;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("supervisor", ProcessIdentity.of(ProcessHandle.current()));
        state.put("processes", pids);
        state.put("dns", deployment.dns);
        state.put("dns_admin", deployment.dnsAdmin);
        state.put("coordinator", coordinator);
        state.put("store_port", deployment.storePort);
        state.put("round_trip_ms", topology.networkOrNone().roundTripOrZero().toMillis());
        state.put("links", links[0].links().stream().map(link -> Map.of("from", link.from(), "to", link.to(),
                "listen", link.listen().getHostString() + ":" + link.listen().getPort(),
                "control", link.control().getHostString() + ":" + link.control().getPort())).toList());
        Files.write(deployment.stateDir.resolve(LabFile.NAME), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(state));
        out.println("pilotlight lab: " + topology.name() + " is serving: " + topology.regions().keySet() + " (logs in " + logs + ")");
        out.println("  " + links[0].links().size() + " inter-region links through the fault-injecting proxy, "
                + topology.networkOrNone().roundTripOrZero().toMillis() + " ms round trip (control APIs in " + deployment.stateDir.resolve(LabFile.NAME) + ")");
        String[] dns = deployment.dns.split(":");
        topology.dnsOrEmpty().zones().forEach((zone, content) -> content.recordSets().stream().filter(s -> s.hasRoutingPolicy()).findFirst()
                .ifPresent(set -> out.println("  dig @" + dns[0] + " -p " + dns[1] + " "
                        + io.pilotlight.topology.DnsNames.absolute(set.name(), zone))));
        layout.services().forEach((service, byRegion) -> byRegion.forEach((region, listen) ->
                out.println("  curl http://" + listen + "/healthz      # " + service + " in " + region)));
        out.println("  pilotlight dns health --admin " + deployment.dnsAdmin);
        out.println("  pilotlight store status " + String.join(" ", layout.storeUrls().entrySet().stream()
                .map(e -> "--peer " + e.getKey() + "=" + e.getValue()).toList()));
        out.println("  stop with Ctrl-C or: pilotlight lab down --state-dir " + deployment.stateDir);
        out.flush();
        Ready.mark("lab " + topology.name() + " serving");
        Foreground.holdUntilStopped(stopAll);
        return ExitCodes.OK;
    }

    /** Every address the lab serves on: nothing else may listen there when it starts. */
    private java.util.Set<java.net.InetSocketAddress> labAddresses(io.pilotlight.orchestrator.live.DeploymentLayout layout, int coordinatorPort) {
        java.util.Set<java.net.InetSocketAddress> all = new java.util.LinkedHashSet<>();
        layout.storeUrls().values().forEach(url -> all.add(address(url.substring("http://".length()))));
        layout.services().values().forEach(byRegion -> byRegion.values().forEach(listen -> all.add(address(listen))));
        all.add(address(deployment.dns));
        all.add(address(deployment.dnsAdmin));
        all.add(new java.net.InetSocketAddress("127.0.0.1", coordinatorPort));
        return all;
    }

    private static java.net.InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new java.net.InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /**
     * Waits for a child's own ready file (written by that very process: a file or log line left by
     * an earlier run does not count), failing at once if the child dies.
     */
    private static void awaitReady(Path readyDir, Path logs, String name, Process process, long timeoutNanos) throws Exception {
        Path file = readyDir.resolve(name);
        long deadline = System.nanoTime() + timeoutNanos;
        while (Ready.readBy(file, process.pid()).isEmpty()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; its log "
                        + logs.resolve(name + ".log") + " ends:\n" + tail(logs.resolve(name + ".log")));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
                        + "s; its log " + logs.resolve(name + ".log") + " ends:\n" + tail(logs.resolve(name + ".log")));
            }
            Thread.sleep(50);
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void start(List<Process> children, Map<String, ProcessIdentity> pids, Path logs, String name, String... args) throws Exception {
        List<String> command = SelfLaunch.pilotlight(List.of(args));
        Path log = logs.resolve(name + ".log");
        Path readyDir = logs.resolveSibling("ready");
        Files.deleteIfExists(readyDir.resolve(name));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(Foreground.PARENT_ENV, Long.toString(ProcessHandle.current().pid()));
        builder.environment().put(Ready.FILE_ENV, readyDir.resolve(name).toString());
        Process process = builder.start();
        children.add(process);
        pids.put(name, ProcessIdentity.of(process.toHandle()));
        if (!name.equals("controller")) { // the controller is ready only with a healthy primary: the caller waits for it
            awaitReady(readyDir, logs, name, process, TimeUnit.SECONDS.toNanos(30));
        }
    }
}
