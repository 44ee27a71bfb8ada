package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.coord.EtcdProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A pilot-light deployment run by agents on loopback: one etcd, and a `pilotlight agent` process per
 * region (east 127.0.31.1 primary, west 127.0.32.1 standby, witness 127.0.33.1), each with its own
 * state directory, logging to its own list.
 */
final class AgentProcesses implements AutoCloseable {
    static final Map<String, String> ADDRESSES = Map.of("east", "127.0.31.1", "west", "127.0.32.1", "witness", "127.0.33.1");
    final int storePort = StoreProcesses.freePort();
    final int apiPort = StoreProcesses.freePort();
    final int dnsPort = StoreProcesses.freePort();
    final int adminPort = StoreProcesses.freePort();
    final Path dir;
    final Path file;
    final EtcdProcess etcd;
    final Map<String, Process> agents = new LinkedHashMap<>();
    final Map<String, List<String>> logs = new LinkedHashMap<>();

    AgentProcesses(Path dir, Duration decisionDelay) throws Exception {
        this.dir = dir;
        this.file = dir.resolve("agents.yaml");
        Files.writeString(file, """
                name: agents
                pattern: pilot-light
                objectives: {rto: 1m, rpo: 5s}
                regions:
                  east: {role: primary, address: 127.0.31.1}
                  west: {role: standby, address: 127.0.32.1}
                  witness: {role: witness, address: 127.0.33.1}
                services:
                  api:
                    health_check: {type: HTTP, resource_path: /healthz, port: %1$d, request_interval: 200ms, failure_threshold: 2, timeout: 150ms}
                    endpoints: {east: {address: 127.0.31.1}, west: {address: 127.0.32.1}}
                dns:
                  zones:
                    agents.example:
                      record_sets:
                        - {name: api, type: A, ttl: 1, set_identifier: east, failover_routing_policy: {type: PRIMARY}, health_check: api-east, region: east, records: [127.0.31.1]}
                        - {name: api, type: A, ttl: 1, set_identifier: west, failover_routing_policy: {type: SECONDARY}, health_check: api-west, region: west, records: [127.0.32.1]}
                data_stores:
                  items: {kind: global-database, writer: east, lease: 2s, replication: {mode: async, lag_bound: 1s}}
                compute:
                  api: {instance_ready_time: 5s, capacity: {east: {active: 1}, west: {active: 1, standby: 0}}}
                failover: {mode: automatic, decision_delay: %2$dms}
                coordination: {store: etcd, members: {east: 1, west: 1, witness: 1}}
                drills:
                  - {name: weekly, scenario: region-outage, every: 7d}
                """.formatted(apiPort, decisionDelay.toMillis()));
        this.etcd = EtcdProcess.start(dir.resolve("etcd"));
    }

    /** Environment of each region's agent (e.g. its TLS files); empty by default. */
    final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

    Process start(String region) throws Exception {
        List<String> log = logs.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>());
        Process agent = CliLaunch.start(log, environments.getOrDefault(region, Map.of()), "agent", file.toString(), "--region", region, "--etcd", etcd.target("/pilotlight/agents").toString(),
                "--state-dir", dir.resolve(region).toString(), "--store-port", Integer.toString(storePort),
                "--dns-port", Integer.toString(dnsPort), "--dns-admin-port", Integer.toString(adminPort), "--controller-lease", "2s");
        agents.put(region, agent);
        return agent;
    }

    /** kill -9 of everything in a region: its agent and the service instances the agent started. */
    void killRegion(String region) throws Exception {
        Path instances = dir.resolve(region).resolve("compute/instances.json");
        agents.get(region).destroyForcibly().waitFor();
        if (Files.exists(instances)) {
            new ObjectMapper().readTree(instances.toFile()).properties().forEach(e -> e.getValue()
                    .forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly)));
        }
    }

    /** The A record of api.agents.example as the region's DNS server answers it. */
    String resolveAt(String region) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(ADDRESSES.get(region), dnsPort));
        resolver.setTimeout(Duration.ofSeconds(1));
        Message response = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("api.agents.example."),
                Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    boolean logged(String region, String text) {
        return logs.getOrDefault(region, List.of()).stream().anyMatch(line -> line.contains(text));
    }

    List<String> allLogs() {
        List<String> all = new ArrayList<>();
        logs.forEach((region, lines) -> lines.forEach(line -> all.add(region + ": " + line)));
        return all;
    }

    /** Across the audit logs of every controller that led: each of the runbook's steps done exactly once. */
    static void assertEachStepDoneOnce(java.util.List<Path> audits, int steps) throws java.io.IOException {
        List<String> audit = new ArrayList<>();
        for (Path log : audits) {
            audit.addAll(Files.readAllLines(log));
        }
        for (int step = 1; step <= steps; step++) {
            String number = "\"step\":" + step + ",";
            org.assertj.core.api.Assertions.assertThat(audit.stream().filter(l -> l.contains("\"step-done\"") && l.contains(number)))
                    .as("step " + step + " done once, by one leader or the other").hasSize(1);
        }
    }

    interface Scenario {
        void run() throws Exception;
    }

    /** Runs the scenario; when it fails, every agent's log goes with the failure, since the cause is usually in one of them. */
    void explainFailures(Scenario scenario) throws Exception {
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            AssertionError explained = new AssertionError(e.getMessage() + "\n--- agent logs ---\n" + String.join("\n", allLogs()), e);
            throw explained;
        }
    }

    @Override
    public void close() throws Exception {
        for (String region : List.copyOf(agents.keySet())) {
            killRegion(region);
        }
        etcd.close();
    }
}
