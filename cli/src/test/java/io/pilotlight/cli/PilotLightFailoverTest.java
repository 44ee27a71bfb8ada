package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A pilot-light deployment as real processes on loopback (coordinator, a store node per region, the
 * DNS server, the controller with the sample service): the primary region is killed, the controller
 * fails over by itself, and the sample service answers through DNS in the standby region.
 */
class PilotLightFailoverTest {
    private final List<Process> processes = new ArrayList<>();
    private final List<String> controllerLog = new CopyOnWriteArrayList<>();

    private Process launch(boolean keepLog, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        for (int skipped = 0; first != null && !first.contains("serving") && skipped < 100; skipped++) {
            first = lines.readLine(); // log lines (e.g. health events on stderr) may come first
        }
        assertThat(first).as(String.join(" ", args)).contains("serving");
        Thread.ofVirtual().start(() -> lines.lines().forEach(line -> {
            if (keepLog) {
                controllerLog.add(line);
            }
        }));
        return process;
    }

    private static String resolve(int dnsPort) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
        resolver.setTimeout(Duration.ofSeconds(1));
        Message response = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("api.lab.example."), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void thePrimaryRegionDiesAndTheSampleServiceAnswersThroughDnsInTheStandby(@TempDir Path dir) throws Exception {
        int storePort = StoreProcesses.freePort();
        int apiPort = StoreProcesses.freePort();
        int dnsPort = StoreProcesses.freePort();
        int adminPort = StoreProcesses.freePort();
        int coordinatorPort = StoreProcesses.freePort();
        Path file = dir.resolve("pilot-light.yaml");
        Files.writeString(file, """
                name: lab
                pattern: pilot-light
                objectives: {rto: 1m, rpo: 5s}
                regions:
                  east: {role: primary, address: 127.0.1.1}
                  west: {role: standby, address: 127.0.2.1}
                services:
                  api:
                    health_check: {type: HTTP, resource_path: /healthz, port: %1$d, request_interval: 200ms, failure_threshold: 2, timeout: 150ms}
                    endpoints:
                      east: {address: 127.0.1.1}
                      west: {address: 127.0.2.1}
                dns:
                  zones:
                    lab.example:
                      record_sets:
                        - {name: api, type: A, ttl: 1, set_identifier: east, failover_routing_policy: {type: PRIMARY}, health_check: api-east, region: east, records: [127.0.1.1]}
                        - {name: api, type: A, ttl: 1, set_identifier: west, failover_routing_policy: {type: SECONDARY}, health_check: api-west, region: west, records: [127.0.2.1]}
                data_stores:
                  items: {kind: global-database, writer: east, lease: 1s, replication: {mode: async, lag_bound: 1s}}
                compute:
                  api:
                    instance_ready_time: 5s
                    capacity:
                      east: {active: 1}
                      west: {active: 1, standby: 0}
                failover: {mode: automatic, decision_delay: 1s}
                drills:
                  - {name: weekly, scenario: region-outage, every: 7d}
                """.formatted(apiPort));
        try {
            String coordinator = "http://127.0.0.1:" + coordinatorPort;
            launch(false, "store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort);
            List<String> peers = List.of("--peer", "east=http://127.0.1.1:" + storePort, "--peer", "west=http://127.0.2.1:" + storePort);
            Process eastStore = launch(false, concat(List.of("store", "serve", "--region", "east", "--data", dir.resolve("east").toString(),
                    "--listen", "127.0.1.1:" + storePort, "--coordinator", coordinator, "--initial-writer", "east", "--lease", "1s"), peers));
            launch(false, concat(List.of("store", "serve", "--region", "west", "--data", dir.resolve("west").toString(),
                    "--listen", "127.0.2.1:" + storePort, "--coordinator", coordinator, "--initial-writer", "east", "--lease", "1s"), peers));
            launch(false, "dns", "serve", file.toString(), "--listen", "127.0.0.1:" + dnsPort, "--admin", "127.0.0.1:" + adminPort,
                    "--state-dir", dir.resolve("dns").toString(), "--watch", "0s");
            launch(true, "controller", file.toString(), "--state-dir", dir.resolve("controller").toString(), "--store-port",
                    Integer.toString(storePort), "--dns", "127.0.0.1:" + dnsPort, "--dns-admin", "127.0.0.1:" + adminPort);

            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> resolve(dnsPort).equals("127.0.1.1")
                    && http.send(HttpRequest.newBuilder(URI.create("http://127.0.1.1:" + apiPort + "/healthz")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create("http://127.0.1.1:" + apiPort + "/items/1"))
                    .PUT(HttpRequest.BodyPublishers.ofString("before the outage")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> controllerLog.stream().anyMatch(l -> l.contains("watching")));
            assertThat(controllerLog).as("no failover before the outage").noneMatch(l -> l.contains("FAIL_OVER"));
            // the primary region dies: its store node and its instances, kill -9
            var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile()).path("api@east");
            eastStore.destroyForcibly();
            instances.forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> resolve(dnsPort).equals("127.0.2.1"));
            String address = resolve(dnsPort);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://" + address + ":" + apiPort + "/items/1")).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .equals("before the outage"));
            HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + apiPort + "/items/2"))
                    .PUT(HttpRequest.BodyPublishers.ofString("after the failover")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> controllerLog.stream().anyMatch(l -> l.contains("failover to west completed")));
            assertThat(controllerLog).anyMatch(l -> l.contains("decision FAIL_OVER: primary east unhealthy"));
            assertThat(Files.readString(dir.resolve("controller/audit.jsonl"))).contains("\"step-done\"").contains("\"finished\"");

            // failback, by hand: east's store returns as a replica and catches up, then the failback runbook
            launch(false, concat(List.of("store", "serve", "--region", "east", "--data", dir.resolve("east").toString(),
                    "--listen", "127.0.1.1:" + storePort, "--coordinator", coordinator, "--initial-writer", "east", "--lease", "1s"), peers));
            CliProcess.Result failback = CliProcess.run("failover", file.toString(), "--to", "east", "--failback",
                    "--state-dir", dir.resolve("controller").toString(), "--store-port", Integer.toString(storePort),
                    "--dns", "127.0.0.1:" + dnsPort, "--dns-admin", "127.0.0.1:" + adminPort);
            assertThat(failback.exitCode()).as(failback.out() + failback.err()).isZero();
            assertThat(failback.out()).contains("switched over from west to east").contains("done: east serves");
            assertThat(resolve(dnsPort)).isEqualTo("127.0.1.1");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.1.1:" + apiPort + "/items/2")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).as("the write made during the failover is back home").isEqualTo("after the failover");
            var afterFailback = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile());
            assertThat(afterFailback.path("api@west")).as("the standby is scaled back to 0").isEmpty();
        } finally {
            processes.forEach(Process::destroyForcibly);
            try {
                var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile());
                instances.properties().forEach(e -> e.getValue().forEach(pid ->
                        ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly)));
            } catch (Exception none) {
                // no instances were started
            }
            System.out.println(String.join("\n", controllerLog));
        }
    }

    @Test
    void inManualModeTheControllerOnlyAlertsAndTheOperatorFailsOver(@TempDir Path dir) throws Exception {
        int storePort = StoreProcesses.freePort();
        int apiPort = StoreProcesses.freePort();
        int dnsPort = StoreProcesses.freePort();
        int adminPort = StoreProcesses.freePort();
        int coordinatorPort = StoreProcesses.freePort();
        Path file = dir.resolve("manual.yaml");
        Files.writeString(file, """
                name: manual
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
                  items: {kind: global-database, writer: east, lease: 1s, replication: {mode: async, lag_bound: 1s}}
                compute:
                  api: {instance_ready_time: 5s, capacity: {east: {active: 1}, west: {active: 1, standby: 0}}}
                failover: {mode: manual, decision_delay: 0s}
                """.formatted(apiPort));
        try {
            String coordinator = "http://127.0.0.1:" + coordinatorPort;
            launch(false, "store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort);
            List<String> peers = List.of("--peer", "east=http://127.0.1.1:" + storePort, "--peer", "west=http://127.0.2.1:" + storePort);
            Process eastStore = launch(false, concat(List.of("store", "serve", "--region", "east", "--data", dir.resolve("east").toString(),
                    "--listen", "127.0.1.1:" + storePort, "--coordinator", coordinator, "--initial-writer", "east", "--lease", "1s"), peers));
            launch(false, concat(List.of("store", "serve", "--region", "west", "--data", dir.resolve("west").toString(),
                    "--listen", "127.0.2.1:" + storePort, "--coordinator", coordinator, "--initial-writer", "east", "--lease", "1s"), peers));
            launch(false, "dns", "serve", file.toString(), "--listen", "127.0.0.1:" + dnsPort, "--admin", "127.0.0.1:" + adminPort,
                    "--state-dir", dir.resolve("dns").toString(), "--watch", "0s");
            List<String> deployment = List.of("--state-dir", dir.resolve("controller").toString(), "--store-port", Integer.toString(storePort),
                    "--dns", "127.0.0.1:" + dnsPort, "--dns-admin", "127.0.0.1:" + adminPort);
            launch(true, concat(List.of("controller", file.toString()), deployment));
            await().atMost(Duration.ofSeconds(30)).until(() -> controllerLog.stream().anyMatch(l -> l.contains("watching")));

            var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile()).path("api@east");
            eastStore.destroyForcibly();
            instances.forEach(pid -> ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly));
            await().atMost(Duration.ofSeconds(20)).until(() -> controllerLog.stream()
                    .anyMatch(l -> l.contains("decision ALERT") && l.contains("run pilotlight failover FILE --to west")));
            Thread.sleep(1_000);
            assertThat(controllerLog).as("manual mode never fails over by itself").noneMatch(l -> l.contains("starting manual-failover"));

            CliProcess.Result manual = CliProcess.run(concat(List.of("failover", file.toString(), "--to", "west"), deployment));
            assertThat(manual.exitCode()).as(manual.out() + manual.err()).isZero();
            assertThat(manual.out()).contains("[6/6] done").contains("done: west serves");
            assertThat(resolve(dnsPort)).isEqualTo("127.0.2.1");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.2.1:" + apiPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok region=west\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> controllerLog.stream().anyMatch(l -> l.contains("primary west is healthy")));
        } finally {
            processes.forEach(Process::destroyForcibly);
            try {
                var instances = new ObjectMapper().readTree(dir.resolve("controller/instances.json").toFile());
                instances.properties().forEach(e -> e.getValue().forEach(pid ->
                        ProcessHandle.of(pid.asLong()).ifPresent(ProcessHandle::destroyForcibly)));
            } catch (Exception none) {
                // no instances were started
            }
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
