package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A two-region pilot-light deployment as real `pilotlight` processes on loopback: a coordinator, a
 * store node per region (east 127.0.1.1, west 127.0.2.1), the DNS server, and the controller
 * (which runs the sample service). Used by the orchestration tests.
 */
final class LabProcesses implements AutoCloseable {
    final int storePort = StoreProcesses.freePort();
    final int apiPort = StoreProcesses.freePort();
    final int dnsPort = StoreProcesses.freePort();
    final int adminPort = StoreProcesses.freePort();
    final int coordinatorPort = StoreProcesses.freePort();
    final List<String> controllerLog = new CopyOnWriteArrayList<>();
    final Path dir;
    final Path file;
    private final boolean backupRestore;
    private final List<Process> processes = new ArrayList<>();
    Process eastStore;
    Process controller;

    LabProcesses(Path dir, String mode, Duration decisionDelay) throws Exception {
        this(dir, mode, decisionDelay, false);
    }

    /** With {@code backupRestore}, only the primary runs a store node, backing up every second into {@code backups}. */
    LabProcesses(Path dir, String mode, Duration decisionDelay, boolean backupRestore) throws Exception {
        this.dir = dir;
        this.file = dir.resolve("lab.yaml");
        this.backupRestore = backupRestore;
        String store = backupRestore
                ? "items: {kind: backup, engine: embedded, regions: [east, west], interval: 1s, restore_time: 10s}"
                : "items: {kind: global-database, writer: east, lease: 1s, replication: {mode: async, lag_bound: 1s}}";
        Files.writeString(file, """
                name: lab
                pattern: %4$s
                objectives: {rto: 1m, rpo: 5s}
                regions:
                  east: {role: primary, address: 127.0.1.1}
                  west: {role: standby, address: 127.0.2.1}
                services:
                  api:
                    health_check: {type: HTTP, resource_path: /healthz, port: %1$d, request_interval: 200ms, failure_threshold: 2, timeout: 150ms}
                    endpoints: {east: {address: 127.0.1.1}, west: {address: 127.0.2.1}}
                dns:
                  zones:
                    lab.example:
                      record_sets:
                        - {name: api, type: A, ttl: 1, set_identifier: east, failover_routing_policy: {type: PRIMARY}, health_check: api-east, region: east, records: [127.0.1.1]}
                        - {name: api, type: A, ttl: 1, set_identifier: west, failover_routing_policy: {type: SECONDARY}, health_check: api-west, region: west, records: [127.0.2.1]}
                data_stores:
                  %5$s
                compute:
                  api: {instance_ready_time: 5s, capacity: {east: {active: 1}, west: {active: 1, standby: 0}}}
                failover: {mode: %2$s, decision_delay: %3$dms}
                drills:
                  - {name: weekly, scenario: region-outage, every: 7d}
                """.formatted(apiPort, mode, decisionDelay.toMillis(), backupRestore ? "backup-restore" : "pilot-light", store));
        launch(false, "store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort,
                "--state", dir.resolve("coordinator.json").toString());
        eastStore = startStore("east");
        if (!backupRestore) {
            startStore("west");
        }
        launch(false, "dns", "serve", file.toString(), "--listen", "127.0.0.1:" + dnsPort, "--admin", "127.0.0.1:" + adminPort,
                "--state-dir", dir.resolve("dns").toString(), "--watch", "0s");
        startController();
    }

    Process startStore(String region) throws Exception {
        String ip = region.equals("east") ? "127.0.1.1" : "127.0.2.1";
        List<String> args = new ArrayList<>(List.of("store", "serve", "--region", region, "--data", dir.resolve(region).toString(),
                "--listen", ip + ":" + storePort, "--coordinator", "http://127.0.0.1:" + coordinatorPort, "--initial-writer", "east",
                "--lease", "1s", "--peer", "east=http://127.0.1.1:" + storePort, "--peer", "west=http://127.0.2.1:" + storePort));
        if (backupRestore) {
            args.addAll(List.of("--backup-dir", dir.resolve("backups").toString(), "--backup-interval", "1s"));
        }
        return launch(false, concat(args));
    }

    void startController() throws Exception {
        controller = launch(true, concat(List.of("controller", file.toString()), deploymentArgs()));
    }

    List<String> deploymentArgs() {
        return List.of("--state-dir", dir.resolve("controller").toString(), "--store-port", Integer.toString(storePort),
                "--dns", "127.0.0.1:" + dnsPort, "--dns-admin", "127.0.0.1:" + adminPort,
                "--coordinator", "http://127.0.0.1:" + coordinatorPort, "--backup-dir", dir.resolve("backups").toString());
    }

    /** kill -9 of the primary region: its store node and its service instances. */
    void killEast() throws Exception {
        var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile()).path("api@east");
        eastStore.destroyForcibly();
        instances.forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));
    }

    String resolve() throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
        resolver.setTimeout(Duration.ofSeconds(1));
        Message response = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("api.lab.example."), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    boolean logged(String text) {
        return controllerLog.stream().anyMatch(line -> line.contains(text));
    }

    Process launch(boolean keepLog, String... args) throws Exception {
        Process process = CliLaunch.start(keepLog ? controllerLog : null, args);
        processes.add(process);
        return process;
    }

    static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    static String[] concat(List<String> a) {
        return a.toArray(String[]::new);
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
        try {
            var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile());
            instances.properties().forEach(e -> e.getValue().forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly)));
        } catch (Exception none) {
            // no instances were started
        }
    }
}
