package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens as a user meets them: `token add|list`, a server that will not listen beyond loopback unprotected, a lab with a token file. */
class TokenProcessTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(args);
        return command;
    }

    /** The CLI as a process, with {@code env} added to (or, for null values, removed from) its environment. */
    private static Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("pilotlight-out", ".txt");
        Path err = Files.createTempFile("pilotlight-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(java(List.of(args))).directory(CliProcess.REPO_ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("PILOTLIGHT_TOKEN");
        builder.environment().remove("PILOTLIGHT_TOKEN_FILE");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pilotlight " + String.join(" ", args) + " did not finish in 60s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void tokenAddPrintsOnlyTheNewTokenAndListShowsNoHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.jsonl");
        Run added = run(Map.of(), "token", "add", "--role", "operator", "--name", "alice", "--file", file.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).matches("plt_[A-Za-z0-9_-]{43}\n");
        Run agent = run(Map.of(), "token", "add", "--role", "agent", "--name", "agent-east", "--region", "east", "--file", file.toString());
        assertThat(agent.exitCode()).as(agent.err()).isZero();
        Run noRegion = run(Map.of(), "token", "add", "--role", "agent", "--name", "agent-west", "--file", file.toString());
        assertThat(noRegion.exitCode()).isEqualTo(2);
        assertThat(noRegion.err()).contains("--region");
        Run list = run(Map.of(), "token", "list", "--file", file.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("alice +operator +-").containsPattern("agent-east +agent +east")
                .doesNotContain("sha256").doesNotContain(added.out().strip());
        String hash = Files.readString(file).replaceAll("(?s).*?\"sha256\":\"([0-9a-f]+)\".*", "$1");
        assertThat(list.out()).doesNotContain(hash);
        Files.writeString(file, "{\"name\":\"bob\",\"role\":\"viewer\",\"salt\":\"xyz\",\"sha256\":\"00\"}\n", java.nio.file.StandardOpenOption.APPEND);
        Run bad = run(Map.of(), "token", "list", "--file", file.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(file + ":3: field \"salt\"");
    }

    /** This machine's first non-loopback IPv4 address, else the wildcard (which reaches every interface: not loopback either). */
    private static String nonLoopback() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return "0.0.0.0";
    }

    @Test
    void aServerWithControlEndpointsRefusesANonLoopbackListenerWithoutATokenFile(@TempDir Path dir) throws Exception {
        String host = nonLoopback();
        Run coordinator = run(Map.of(), "store", "coordinator", "--listen", host + ":" + StoreProcesses.freePort(),
                "--state", dir.resolve("c.json").toString());
        assertThat(coordinator.exitCode()).as(coordinator.out() + coordinator.err()).isEqualTo(2);
        assertThat(coordinator.err()).contains("not a loopback address").contains("--token-file").contains("PILOTLIGHT_TOKEN_FILE");
        Run store = run(Map.of(), "store", "serve", "--region", "east", "--data", dir.resolve("east").toString(),
                "--listen", host + ":" + StoreProcesses.freePort(), "--coordinator", "http://127.0.0.1:1", "--initial-writer", "east",
                "--peer", "east=http://" + host + ":1");
        assertThat(store.exitCode()).as(store.out() + store.err()).isEqualTo(2);
        assertThat(store.err()).contains("--token-file");
        assertThat(dir.resolve("east")).as("refused before the node opened its data").doesNotExist();
        Path topology = dir.resolve("agents.yaml");
        Files.writeString(topology, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light-etcd.yaml"))
                .replace("address: 127.0.1.1", "address: " + host));
        Run agent = run(Map.of(), "agent", topology.toString(), "--region", "us-east-1", "--etcd", "etcd://127.0.0.1:1",
                "--state-dir", dir.resolve("agent").toString());
        assertThat(agent.exitCode()).as(agent.out() + agent.err()).isEqualTo(2);
        assertThat(agent.err()).contains("agent of us-east-1").contains("--token-file");
        assertThat(dir.resolve("agent")).as("refused before it started anything").doesNotExist();
    }

    @Test
    void anAgentWhosePostgresServerWouldListenBeyondLoopbackWithoutAPasswordRefusesToStart(@TempDir Path dir) throws Exception {
        String host = nonLoopback();
        Path tokens = dir.resolve("tokens.jsonl");
        assertThat(run(Map.of(), "token", "add", "--role", "operator", "--name", "ops", "--file", tokens.toString()).exitCode()).isZero();
        Path topology = dir.resolve("pg.yaml");
        Files.writeString(topology, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light-postgres.yaml"))
                .replace("127.0.1.1", host));
        Run agent = run(Map.of(), "agent", topology.toString(), "--region", "us-east-1", "--etcd", "etcd://127.0.0.1:1",
                "--state-dir", dir.resolve("agent").toString(), "--token-file", tokens.toString());
        assertThat(agent.exitCode()).as(agent.out() + agent.err()).isEqualTo(2);
        assertThat(agent.err()).contains("us-east-1's PostgreSQL server of orders would listen on " + host)
                .contains("set PILOTLIGHT_POSTGRES_PASSWORD");
        assertThat(dir.resolve("agent")).as("refused before it started anything").doesNotExist();

        Run weak = run(Map.of("PILOTLIGHT_POSTGRES_PASSWORD", "short'pw"), "agent", topology.toString(), "--region", "us-east-1",
                "--etcd", "etcd://127.0.0.1:1", "--state-dir", dir.resolve("agent").toString(), "--token-file", tokens.toString());
        assertThat(weak.exitCode()).as(weak.out() + weak.err()).isEqualTo(2);
        assertThat(weak.err()).contains("PILOTLIGHT_POSTGRES_PASSWORD is not a usable password (8 characters)")
                .contains("letters, digits and . _ ~ + / = - (at least 16)").doesNotContain("short'pw");
        assertThat(dir.resolve("agent")).doesNotExist();
    }

    @Test
    void aLabWithATokenFileServesAndItsServersWantTokens(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.jsonl");
        String viewer = run(Map.of(), "token", "add", "--role", "viewer", "--name", "vera", "--file", tokens.toString()).out().strip();
        int apiPort = StoreProcesses.freePort();
        int storePort = StoreProcesses.freePort();
        int adminPort = StoreProcesses.freePort();
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light.yaml"))
                .replace("port: 8080", "port: " + apiPort).replace("request_interval: 10s", "request_interval: 1s")
                .replace("timeout: 2s", "timeout: 500ms"));
        Path state = dir.resolve("state");
        ProcessBuilder builder = new ProcessBuilder(java(List.of("lab", "up", file.toString(), "--state-dir", state.toString(),
                "--store-port", Integer.toString(storePort), "--coordinator-port", Integer.toString(StoreProcesses.freePort()),
                "--dns", "127.0.0.1:" + StoreProcesses.freePort(), "--dns-admin", "127.0.0.1:" + adminPort,
                "--token-file", tokens.toString()))).redirectErrorStream(true);
        builder.environment().remove("PILOTLIGHT_TOKEN");
        builder.environment().remove("PILOTLIGHT_TOKEN_FILE");
        Process supervisor = builder.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(supervisor.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null && !line.contains("is serving")) {
                seen.append(line).append('\n');
            }
            assertThat(line).as(seen + "\n" + logs(state)).isNotNull();
            Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.1.1:" + apiPort + "/items/with-tokens")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            String storeStatus = "http://127.0.1.1:" + storePort + "/status";
            assertThat(status(http, storeStatus, null)).isEqualTo(401);
            assertThat(status(http, storeStatus, viewer)).isEqualTo(200);
            assertThat(status(http, "http://127.0.0.1:" + adminPort + "/health", null)).isEqualTo(401);
            assertThat(status(http, "http://127.0.0.1:" + adminPort + "/health", viewer)).isEqualTo(200);
            List<String> peers = List.of("--peer", "us-east-1=http://127.0.1.1:" + storePort, "--peer", "us-west-2=http://127.0.2.1:" + storePort);
            List<String> statusArgs = new ArrayList<>(List.of("store", "status"));
            statusArgs.addAll(peers);
            Run asViewer = run(Map.of("PILOTLIGHT_TOKEN", viewer), statusArgs.toArray(String[]::new));
            assertThat(asViewer.out()).as(asViewer.out() + asViewer.err()).containsPattern("us-east-1 +writer").containsPattern("us-west-2 +replica");
            List<String> switchover = new ArrayList<>(List.of("store", "switchover", "--to", "us-west-2"));
            switchover.addAll(peers);
            Run refused = run(Map.of("PILOTLIGHT_TOKEN", viewer), switchover.toArray(String[]::new));
            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isNotZero();
            assertThat(refused.out() + refused.err()).contains("403");
        } finally {
            run(Map.of(), "lab", "down", "--state-dir", state.toString());
            supervisor.destroyForcibly();
        }
    }

    private static int status(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String logs(Path state) throws Exception {
        StringBuilder all = new StringBuilder();
        Path logs = state.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    List<String> lines = Files.readAllLines(log);
                    all.append("== ").append(log.getFileName()).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()))).append('\n');
                }
            }
        }
        return all.toString();
    }
}
