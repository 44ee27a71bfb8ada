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

    private record Lab(Process supervisor, Path stateDir, int dnsPort, int apiPort, List<String> args) {
    }

    /** The arguments of a lab on free ports (the file written into dir). */
    private static List<String> labArgs(Path dir, int apiPort, int dnsPort) throws Exception {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light.yaml"))
                .replace("port: 8080", "port: " + apiPort).replace("request_interval: 10s", "request_interval: 1s")
                .replace("timeout: 2s", "timeout: 500ms"));
        return List.of("lab", "up", file.toString(), "--state-dir", dir.resolve("state").toString(), "--store-port",
                Integer.toString(StoreProcesses.freePort()), "--coordinator-port", Integer.toString(StoreProcesses.freePort()),
                "--dns", "127.0.0.1:" + dnsPort, "--dns-admin", "127.0.0.1:" + StoreProcesses.freePort());
    }

    private static Lab up(Path dir) throws Exception {
        return up(dir, labArgs(dir, StoreProcesses.freePort(), StoreProcesses.freePort()));
    }

    private static Lab up(Path dir, List<String> args) throws Exception {
        int apiPort = Integer.parseInt(Files.readString(Path.of(args.get(2))).replaceAll("(?s).*?port: (\\d+).*", "$1"));
        int dnsPort = Integer.parseInt(args.get(args.indexOf("--dns") + 1).split(":")[1]);
        Path state = Path.of(args.get(args.indexOf("--state-dir") + 1));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(args);
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = lines.readLine()) != null && !line.contains("is serving")) {
            seen.append(line).append('\n');
        }
        assertThat(line).as(seen.toString()).isNotNull();
        Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
        return new Lab(supervisor, state, dnsPort, apiPort, args);
    }

    private static List<Long> pids(Lab lab) throws Exception {
        List<Long> pids = new ArrayList<>();
        new ObjectMapper().readTree(lab.stateDir().resolve("lab.json").toFile()).path("processes").forEach(p -> pids.add(p.path("pid").asLong()));
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
        await("the lab's processes and the service instances").atMost(Duration.ofSeconds(20)).until(() -> allGone(pids));
    }

    @Test
    void aSecondLabOnTheSameStateDirectoryIsRefusedAndTheFirstKeepsServing(@TempDir Path dir) throws Exception {
        Lab lab = up(dir);
        try {
            CliProcess.Result second = CliProcess.run(lab.args().toArray(String[]::new));
            assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(2);
            assertThat(second.err()).contains("a lab is already running in").contains("pid " + lab.supervisor().pid())
                    .contains("pilotlight lab down --state-dir");
            assertThat(second.out()).doesNotContain("serving");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.1.1:" + lab.apiPort() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(lab.supervisor().isAlive()).isTrue();
        } finally {
            CliProcess.run("lab", "down", "--state-dir", lab.stateDir().toString());
            lab.supervisor().destroyForcibly();
        }
    }

    @Test
    void aLabRefusesToStartWhileAnotherProcessListensOnItsAddressesAndNamesIt(@TempDir Path dir) throws Exception {
        int apiPort = StoreProcesses.freePort();
        List<String> args = labArgs(dir, apiPort, StoreProcesses.freePort());
        // a stray instance of an earlier lab, still listening on the primary's service address
        try (java.net.ServerSocket stray = new java.net.ServerSocket()) {
            stray.setReuseAddress(true);
            stray.bind(new InetSocketAddress("127.0.1.1", apiPort));
            CliProcess.Result refused = CliProcess.run(args.toArray(String[]::new));
            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
            assertThat(refused.err()).contains("TCP 127.0.1.1:" + apiPort + " is taken by pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void labDownSignalsNoProcessThatMerelyReusesARecordedPid(@TempDir Path dir) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        Process another = new ProcessBuilder("sleep", "60").start();
        try {
            Path state = dir.resolve("state");
            Files.createDirectories(state);
            // a stale lab file whose pids now belong to other programs (as after a reboot)
            Files.writeString(state.resolve("lab.json"), "{\"supervisor\": " + unrelated.pid() + ", \"processes\": {\"dns\": {\"pid\": "
                    + another.pid() + ", \"started_ms\": 1, \"command\": \"pilotlight dns serve\"}}}");
            CliProcess.Result down = CliProcess.run("lab", "down", "--state-dir", state.toString());
            assertThat(down.exitCode()).as(down.err()).isZero();
            Thread.sleep(300);
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(another.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
            another.destroyForcibly();
        }
    }

    @Test
    void aLabRestartedAfterAFailoverHasAWriterBeforeItSaysServing(@TempDir Path dir) throws Exception {
        List<String> args = labArgs(dir, StoreProcesses.freePort(), StoreProcesses.freePort());
        Lab lab = up(dir, args);
        String storePort = args.get(args.indexOf("--store-port") + 1);
        List<String> peers = List.of("--peer", "us-east-1=http://127.0.1.1:" + storePort, "--peer", "us-west-2=http://127.0.2.1:" + storePort);
        try {
            List<String> switchover = new ArrayList<>(List.of("store", "switchover", "--to", "us-west-2"));
            switchover.addAll(peers);
            CliProcess.Result switched = CliProcess.run(switchover.toArray(String[]::new));
            assertThat(switched.exitCode()).as(switched.out() + switched.err()).isZero();
        } finally {
            assertThat(CliProcess.run("lab", "down", "--state-dir", lab.stateDir().toString()).exitCode()).isZero();
            lab.supervisor().waitFor();
        }
        Lab again = up(dir, args);
        try {
            List<String> status = new ArrayList<>(List.of("store", "status"));
            status.addAll(peers);
            CliProcess.Result after = CliProcess.run(status.toArray(String[]::new));
            assertThat(after.out()).as(after.out() + after.err()).containsPattern("us-west-2 +writer +[2-9]").containsPattern("us-east-1 +replica");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.1.1:" + again.apiPort() + "/items/after-restart"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            CliProcess.run("lab", "down", "--state-dir", again.stateDir().toString());
            again.supervisor().destroyForcibly();
        }
    }
}
