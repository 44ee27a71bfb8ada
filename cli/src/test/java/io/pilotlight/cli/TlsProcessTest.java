package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.http.tls.TestCa;
import io.pilotlight.http.tls.TlsFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as a user sets it up: a coordinator and two store nodes, each a real `pilotlight` process with
 * its own certificate from a CA made with openssl (--tls-cert, --tls-key, --tls-ca; mutual TLS by
 * default), replicating over https://; `store status` reaches them with PILOTLIGHT_TLS_*; a bad
 * PEM file stops a server with the file's name (exit 2).
 */
class TlsProcessTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(args);
        return command;
    }

    private static ProcessBuilder builder(Map<String, String> env, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(java(args)).directory(CliProcess.REPO_ROOT.toFile());
        for (String name : List.of("PILOTLIGHT_TOKEN", "PILOTLIGHT_TOKEN_FILE", "PILOTLIGHT_TLS_CERT", "PILOTLIGHT_TLS_KEY", "PILOTLIGHT_TLS_CA")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(env);
        return builder;
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("pilotlight-out", ".txt");
        Path err = Files.createTempFile("pilotlight-err", ".txt");
        Process process = builder(env, List.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pilotlight " + String.join(" ", args) + " did not finish in 60s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A server process, once it printed its "serving on" line (returned as the first element of {@code seen}). */
    private static Process serve(List<String> seen, String... args) throws Exception {
        Process process = builder(Map.of(), List.of(args)).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder all = new StringBuilder();
        String line = output.readLine();
        for (int skipped = 0; line != null && !line.contains("serving") && skipped < 50; skipped++) {
            all.append(line).append('\n');
            line = output.readLine();
        }
        if (line == null || !line.contains("serving")) {
            process.destroyForcibly();
            throw new AssertionError("pilotlight " + String.join(" ", args) + " did not start:\n" + all + line);
        }
        seen.add(line);
        Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> { }));
        return process;
    }

    private static List<String> tls(TlsFiles files) {
        return List.of("--tls-cert", files.certificate().toString(), "--tls-key", files.privateKey().toString(), "--tls-ca", files.trustedCa().toString());
    }

    private static Map<String, String> env(TlsFiles files) {
        return Map.of("PILOTLIGHT_TLS_CERT", files.certificate().toString(), "PILOTLIGHT_TLS_KEY", files.privateKey().toString(),
                "PILOTLIGHT_TLS_CA", files.trustedCa().toString());
    }

    @Test
    void storeNodesReplicateOverMutualTlsAndTheCliReachesThemWithItsCertificate(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "pilotlight-test");
        int coordinatorPort = StoreProcesses.freePort();
        Map<String, Integer> ports = Map.of("east", StoreProcesses.freePort(), "west", StoreProcesses.freePort());
        List<String> peers = new ArrayList<>();
        ports.forEach((region, port) -> peers.addAll(List.of("--peer", region + "=https://127.0.0.1:" + port)));
        List<Process> processes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try {
            List<String> coordinator = new ArrayList<>(List.of("store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort,
                    "--state", dir.resolve("coordinator.json").toString()));
            coordinator.addAll(tls(ca.issue("coordinator")));
            processes.add(serve(seen, coordinator.toArray(String[]::new)));
            assertThat(seen.get(0)).contains("serving on https://127.0.0.1:" + coordinatorPort);
            for (String region : List.of("east", "west")) {
                List<String> node = new ArrayList<>(List.of("store", "serve", "--region", region, "--data", dir.resolve(region).toString(),
                        "--listen", "127.0.0.1:" + ports.get(region), "--coordinator", "https://127.0.0.1:" + coordinatorPort,
                        "--initial-writer", "east"));
                node.addAll(peers);
                node.addAll(tls(ca.issue("agent." + region)));
                processes.add(serve(seen, node.toArray(String[]::new)));
            }
            assertThat(seen.get(1)).contains("east serving on https://127.0.0.1:" + ports.get("east"));
            Map<String, String> operator = env(ca.issue("operator.alice"));
            List<String> status = new ArrayList<>(List.of("store", "status", "--format", "json"));
            status.addAll(peers);
            // each try is a fresh CLI process whose first TLS handshake is slow on a busy machine
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Run run = run(operator, status.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("\"role\" : \"WRITER\"").contains("\"role\" : \"REPLICA\"").contains("\"streaming\" : true");
            });
            Run noCertificate = run(Map.of("PILOTLIGHT_TLS_CA", ca.certificate().toString()), status.toArray(String[]::new));
            assertThat(noCertificate.out()).as("mutual TLS: no certificate, no answer").contains("\"east\" : \"unreachable\"")
                    .contains("\"west\" : \"unreachable\"");
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void aBadPemFileStopsTheServerNamingTheFile(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "pilotlight-test");
        TlsFiles east = ca.issue("agent.east");
        Path traditional = dir.resolve("east-traditional.key");
        TestCa.openssl(dir, "pkey", "-in", east.privateKey().toString(), "-traditional", "-out", traditional.toString());
        Run run = run(Map.of(), "store", "coordinator", "--listen", "127.0.0.1:" + StoreProcesses.freePort(),
                "--state", dir.resolve("c.json").toString(), "--tls-cert", east.certificate().toString(), "--tls-key", traditional.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(traditional + ": the private key is \"EC PRIVATE KEY\", not PKCS#8")
                .contains("openssl pkcs8 -topk8 -nocrypt");
        Map<String, String> missing = new HashMap<>(env(east));
        missing.put("PILOTLIGHT_TLS_CA", dir.resolve("no-such-ca.pem").toString());
        Run fromEnv = run(missing, "store", "status", "--peer", "east=https://127.0.0.1:1");
        assertThat(fromEnv.exitCode()).as(fromEnv.out() + fromEnv.err()).isEqualTo(2);
        assertThat(fromEnv.err()).contains(dir.resolve("no-such-ca.pem") + ": no such file; expected the CA bundle in PEM");
    }
}
