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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** `pilotlight lab up` starts a whole deployment; `lab down`, or the supervisor's death, leaves no process behind. */
class LabCommandTest {

    private record Lab(Process supervisor, Path stateDir, int dnsPort, int apiPort) {
    }

    private static Lab up(Path dir) throws Exception {
        int apiPort = StoreProcesses.freePort();
        int dnsPort = StoreProcesses.freePort();
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light.yaml"))
                .replace("port: 8080", "port: " + apiPort).replace("request_interval: 10s", "request_interval: 1s")
                .replace("timeout: 2s", "timeout: 500ms"));
        Path state = dir.resolve("state");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName(), "lab", "up", file.toString(),
                "--state-dir", state.toString(), "--store-port", Integer.toString(StoreProcesses.freePort()),
                "--coordinator-port", Integer.toString(StoreProcesses.freePort()), "--dns", "127.0.0.1:" + dnsPort,
                "--dns-admin", "127.0.0.1:" + StoreProcesses.freePort()));
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = lines.readLine()) != null && !line.contains("is serving")) {
            seen.append(line).append('\n');
        }
        assertThat(line).as(seen.toString()).isNotNull();
        Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
        return new Lab(supervisor, state, dnsPort, apiPort);
    }

    private static List<Long> pids(Lab lab) throws Exception {
        List<Long> pids = new ArrayList<>();
        new ObjectMapper().readTree(lab.stateDir().resolve("lab.json").toFile()).path("processes").forEach(p -> pids.add(p.asLong()));
        var instances = lab.stateDir().resolve("controller/instances.json");
        if (Files.exists(instances)) {
            new ObjectMapper().readTree(instances.toFile()).properties().forEach(e -> e.getValue().forEach(p -> pids.add(p.asLong())));
        }
        return pids;
    }

    private static boolean allGone(List<Long> pids) {
        return pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void labUpServesTheTopologyAndLabDownStopsEverything(@TempDir Path dir) throws Exception {
        Lab lab = up(dir);
        try {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", lab.dnsPort()));
            Message answer = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("api.shop.example."), Type.A, DClass.IN)));
            assertThat(answer.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("127.0.1.1");
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.1.1:" + lab.apiPort() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            List<Long> pids = pids(lab);
            assertThat(pids).hasSizeGreaterThanOrEqualTo(6); // coordinator, 2 stores, dns, controller, 4 instances in us-east-1
            CliProcess.Result down = CliProcess.run("lab", "down", "--state-dir", lab.stateDir().toString());
            assertThat(down.exitCode()).as(down.err()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> allGone(pids) && !lab.supervisor().isAlive());
        } finally {
            lab.supervisor().destroyForcibly();
        }
    }

    @Test
    void aCrashedSupervisorLeavesNoStrayProcesses(@TempDir Path dir) throws Exception {
        Lab lab = up(dir);
        List<Long> pids = pids(lab);
        lab.supervisor().destroyForcibly(); // kill -9: no shutdown hook runs
        await().atMost(Duration.ofSeconds(20)).until(() -> allGone(pids.subList(0, 5)));
    }
}
