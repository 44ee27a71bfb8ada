package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/drills.md promises a history line for every drill: one that fails (its lab never starts) is
 * recorded with verdict error and the reason, one stopped by SIGTERM or Ctrl-C with verdict interrupted.
 */
class DrillUnfinishedHistoryTest {
    private static final String LAB_EXAMPLE = CliProcess.REPO_ROOT.resolve("examples/pilot-light-lab.yaml").toString();

    private static List<String> deployment(Path dir, int coordinatorPort) throws Exception {
        return List.of("--state-dir", dir.resolve("lab").toString(), "--store-port", Integer.toString(StoreProcesses.freePort()),
                "--dns", "127.0.0.1:" + StoreProcesses.freePort(), "--dns-admin", "127.0.0.1:" + StoreProcesses.freePort(),
                "--coordinator", "http://127.0.0.1:" + coordinatorPort, "--history", dir.resolve("history.jsonl").toString(),
                "--report-dir", dir.resolve("report").toString());
    }

    private static List<JsonNode> history(Path dir) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("history.jsonl"))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void aDrillWhoseLabDoesNotStartRecordsVerdictErrorWithTheReasonAndPrintsOneJsonDocument(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) { // the lab's coordinator port
            List<String> args = new ArrayList<>(List.of("drill", "run", LAB_EXAMPLE, "--format", "json"));
            args.addAll(deployment(dir, taken.getLocalPort()));
            CliProcess.Result drill = CliProcess.run(Duration.ofMinutes(3), args.toArray(String[]::new));
            assertThat(drill.exitCode()).as(drill.err()).isEqualTo(1);
            JsonNode printed = JsonFormatTest.oneSnakeCaseDocument(drill);
            assertThat(printed.get("verdict").asText()).isEqualTo("error");
            assertThat(printed.get("reason").asText()).contains("the lab did not start");
            assertThat(drill.err()).contains("drill: starting the lab").contains("recorded verdict error in " + dir.resolve("history.jsonl"));

            List<JsonNode> history = history(dir);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("verdict").asText()).isEqualTo("error");
            assertThat(history.get(0).get("reason").asText()).contains("the lab did not start").doesNotContain("\n");
            assertThat(history.get(0).get("topology").asText()).isEqualTo("shop-api-lab");
            assertThat(history.get(0).get("target").asText()).isEqualTo("us-east-1");

            CliProcess.Result table = CliProcess.run("drill", "history", "--history", dir.resolve("history.jsonl").toString());
            assertThat(table.out()).contains("error").contains("the lab did not start");
        }
    }

    @Test
    void aPartitionDrillStoppedBySigtermAfterItsFaultRecordsVerdictInterruptedHealsTheLinksAndStopsItsLab(@TempDir Path dir)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PilotlightCommand.class.getName(), "drill", "run", LAB_EXAMPLE, "--scenario", "partition"));
        command.addAll(deployment(dir, StoreProcesses.freePort()));
        Path err = dir.resolve("err.txt");
        Process drill = new ProcessBuilder(command).directory(CliProcess.REPO_ROOT.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        List<ProcessHandle> lab = new ArrayList<>();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            // the lab is up, the clients steady, and the region cut off once this line shows
            while (!(Files.exists(err) && Files.readString(err).contains("drill: t0: ")) && drill.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(err)).as("the drill injected its fault").contains("drill: t0: ");
            Thread.sleep(1_000);
            drill.descendants().forEach(lab::add);
            assertThat(lab).as("the drill's lab").isNotEmpty();
            drill.destroy(); // SIGTERM, as a scheduler, systemd or Ctrl-C would stop it
            assertThat(drill.waitFor(60, TimeUnit.SECONDS)).as("the drill stops on SIGTERM").isTrue();
            assertThat(Files.readString(err)).contains("recorded verdict interrupted").containsPattern("healed \\d+ links of us-east-1");
        } finally {
            drill.destroyForcibly();
        }
        List<JsonNode> history = history(dir);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("verdict").asText()).isEqualTo("interrupted");
        assertThat(history.get(0).get("scenario").asText()).isEqualTo("partition");
        assertThat(history.get(0).get("reason").asText()).contains("interrupted (Ctrl-C or SIGTERM)")
                .contains("after the fault was injected; nothing was measured");
        long deadline = System.currentTimeMillis() + 30_000;
        while (lab.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(lab.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
                .as("no process of the drill's lab is left").isEmpty();
        assertThat(Files.readString(dir.resolve("out.txt"))).as("nothing but the result goes to stdout").isEmpty();
    }
}
