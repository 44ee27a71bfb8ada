package io.pilotlight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.store.netns.EtcdCluster;
import io.pilotlight.store.netns.NetnsHosts;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.TokenFile;
import java.io.IOException;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pilot-light deployment across three hosts on one machine (network namespaces, see {@link NetnsHosts}):
 * east (host a: primary, store writer), west (host b: standby) and a witness (host c), one etcd member on
 * each, and one `pilotlight agent` per region. Every check runs from inside a host (curl, dig), as a
 * client there would.
 */
final class AgentHosts implements AutoCloseable {
    static final Map<String, String> HOST_OF = Map.of("east", "a", "west", "b", "witness", "c");
    static final int STORE_PORT = 7001;
    static final int DNS_PORT = 5353;
    static final int ADMIN_PORT = 5380;
    static final int API_PORT = 8080;
    private static final ObjectMapper JSON = new ObjectMapper();
    final NetnsHosts hosts;
    final EtcdCluster etcd;
    final Path dir;
    final Path file;
    final Map<String, Process> agents = new LinkedHashMap<>();
    /** Agents beyond loopback must have tokens: each its own region's agent token, and a viewer's for the test's reads. */
    final Path tokens;
    final Map<String, String> agentTokens = new LinkedHashMap<>();
    final String viewer;
    /** The managed PostgreSQL servers' password, for a deployment whose global database runs on PostgreSQL (else null). */
    final String postgresPassword;
    /** Extra environment of each region's agent (e.g. its TLS files), set before it starts. */
    final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

    AgentHosts(Path dir) throws Exception {
        this(dir, "embedded");
    }

    /** @param engine the global database's engine: {@code embedded} (a store node per agent) or {@code postgres} (a managed server per agent) */
    AgentHosts(Path dir, String engine) throws Exception {
        this.dir = dir;
        this.postgresPassword = engine.equals("postgres") ? "pg-" + java.util.HexFormat.of().formatHex(new SecureRandom().generateSeed(16)) : null;
        if (postgresPassword != null) { // the postgres user reaches each agent's server folder under it
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        this.tokens = dir.resolve("tokens.jsonl");
        for (String region : List.of("east", "west", "witness")) {
            agentTokens.put(region, TokenFile.add(tokens, "agent-" + region, Role.AGENT, region, new SecureRandom()));
        }
        this.viewer = TokenFile.add(tokens, "test-viewer", Role.VIEWER, null, new SecureRandom());
        this.hosts = NetnsHosts.create(dir.resolve("logs"), "a", "b", "c");
        try {
            this.file = dir.resolve("agents.yaml");
            Files.writeString(file, """
                    name: agents
                    pattern: pilot-light
                    objectives: {rto: 1m, rpo: 5s}
                    regions:
                      east: {role: primary, address: %1$s}
                      west: {role: standby, address: %2$s}
                      witness: {role: witness, address: %3$s}
                    services:
                      api:
                        health_check: {type: HTTP, resource_path: /healthz, port: %4$d, request_interval: 500ms, failure_threshold: 2, timeout: 400ms}
                        endpoints: {east: {address: %1$s}, west: {address: %2$s}}
                    dns:
                      zones:
                        agents.example:
                          record_sets:
                            - {name: api, type: A, ttl: 1, set_identifier: east, failover_routing_policy: {type: PRIMARY}, health_check: api-east, region: east, records: [%1$s]}
                            - {name: api, type: A, ttl: 1, set_identifier: west, failover_routing_policy: {type: SECONDARY}, health_check: api-west, region: west, records: [%2$s]}
                    data_stores:
                      items: {kind: global-database, engine: %5$s, writer: east, lease: 2s, replication: {mode: async, lag_bound: 1s}}
                    compute:
                      api: {instance_ready_time: 5s, capacity: {east: {active: 1}, west: {active: 1, standby: 0}}}
                    failover: {mode: automatic, decision_delay: 1s}
                    coordination: {store: etcd, members: {east: 1, west: 1, witness: 1}}
                    drills:
                      - {name: weekly, scenario: region-outage, every: 7d}
                    """.formatted(hosts.address("a"), hosts.address("b"), hosts.address("c"), API_PORT, engine));
            this.etcd = EtcdCluster.start(hosts, dir.resolve("etcd"), EtcdCluster.Timing.ACROSS_HOSTS, "a", "b", "c");
        } catch (Exception | Error e) {
            hosts.close();
            throw e;
        }
    }

    String address(String region) {
        return hosts.address(HOST_OF.get(region));
    }

    void start(String region) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName(),
                "agent", file.toString(), "--region", region, "--etcd", etcd.target("/pilotlight/agents").toString(),
                "--state-dir", dir.resolve(region).toString(), "--store-port", Integer.toString(STORE_PORT),
                "--dns-port", Integer.toString(DNS_PORT), "--dns-admin-port", Integer.toString(ADMIN_PORT), "--controller-lease", "2s"));
        Map<String, String> env = new LinkedHashMap<>(Map.of("PILOTLIGHT_TOKEN_FILE", tokens.toString(), "PILOTLIGHT_TOKEN", agentTokens.get(region)));
        if (postgresPassword != null) {
            env.put("PILOTLIGHT_POSTGRES_PASSWORD", postgresPassword);
        }
        env.putAll(environments.getOrDefault(region, Map.of()));
        agents.put(region, hosts.exec(HOST_OF.get(region), region + ".log", env, command));
    }

    String log(String region) {
        try {
            Path log = hosts.logDir().resolve(region + ".log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    boolean logged(String region, String text) {
        return log(region).contains(text);
    }

    /** The A record of api.agents.example as the region's DNS server answers it, asked from the witness host. */
    String resolveAt(String region) {
        return hosts.run("c", Duration.ofSeconds(5), "dig", "+short", "+time=1", "+tries=1", "-p", Integer.toString(DNS_PORT),
                "@" + address(region), "api.agents.example", "A").output().strip();
    }

    /** An HTTP call from inside {@code fromHost}: "CODE BODY" (CODE 000 when nothing answered). */
    String curl(String fromHost, String method, String url, String body) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "3", "-X", method, "-H", "Authorization: Bearer " + viewer,
                "-w", "\n%{http_code}", url));
        if (body != null) {
            command.addAll(List.of("--data-binary", body));
        }
        String out = hosts.run(fromHost, Duration.ofSeconds(10), command.toArray(String[]::new)).output();
        int split = out.lastIndexOf('\n');
        return split < 0 ? out.strip() : out.substring(split + 1).strip() + " " + out.substring(0, split);
    }

    String storeUrl(String region) {
        return "http://" + address(region) + ":" + STORE_PORT;
    }

    JsonNode json(String fromHost, String url) throws IOException {
        String answer = curl(fromHost, "GET", url, null);
        if (!answer.startsWith("200 ") && !answer.startsWith("404 ")) { // a key not found is a JSON answer too
            throw new IOException(url + " answered " + answer);
        }
        return JSON.readTree(answer.substring(4));
    }

    String allLogs() {
        StringBuilder all = new StringBuilder();
        for (String region : HOST_OF.keySet()) {
            all.append("--- ").append(region).append(" ---\n").append(log(region));
        }
        return all.toString();
    }

    void explainFailures(AgentProcesses.Scenario scenario) throws Exception {
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- agent logs ---\n" + allLogs(), e);
        }
    }

    @Override
    public void close() {
        hosts.close(); // kills every process in every host, etcd included
    }
}
