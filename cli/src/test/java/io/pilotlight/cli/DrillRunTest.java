package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole region-outage drill as a user runs it: the lab starts, clients write through DNS, the
 * primary region is killed, and the report measures RTO and RPO. The objective here is set too
 * tight on purpose, so the verdict is "missed" and the exit code 1.
 */
class DrillRunTest {

    @Test
    void aDrillWithAnRtoTooTightForThePatternFailsWithExitOneAndAFullReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fast.yaml");
        Files.writeString(file, Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light.yaml"))
                .replace("rto: 30m", "rto: 3s").replace("request_interval: 10s", "request_interval: 1s")
                .replace("failure_threshold: 3", "failure_threshold: 2").replace("timeout: 2s", "timeout: 800ms")
                .replace("ttl: 60", "ttl: 1").replace("decision_delay: 2m", "decision_delay: 1s").replace("dns_cache: 30s", "dns_cache: 1s")
                .replace("port: 8080", "port: " + StoreProcesses.freePort()).replace("active: 4, standby: 0", "active: 1, standby: 0")
                .replace("instance_ready_time: 3m", "instance_ready_time: 10s"));
        Path report = dir.resolve("report");
        // no ports given, and the usual defaults taken (another `dns serve`'s admin API on 5380, a coordinator on 7000):
        // a drill's own lab takes free ports
        CliProcess.Result drill;
        try (var admin = bindIfFree(5380); var coordinator = bindIfFree(7000)) {
            drill = CliProcess.run(java.time.Duration.ofMinutes(4), "drill", "run", file.toString(), "--format", "json",
                    "--report-dir", report.toString(), "--state-dir", dir.resolve("lab").toString(), "--deadline", "60s",
                    "--history", dir.resolve("history.jsonl").toString());
        }
        assertThat(drill.exitCode()).as(drill.out() + drill.err()).isEqualTo(1);
        // `drill run --format json | jq` works: stdout is the report and nothing else, progress went to stderr
        JsonNode printed = JsonFormatTest.oneSnakeCaseDocument(drill);
        assertThat(drill.err()).contains("drill: starting the lab").contains("drill: t0: ");
        assertThat(printed.get("report").get("html").asText()).isEqualTo(report.resolve("report.html").toString());
        assertThat(printed.get("report").get("json").asText()).isEqualTo(report.resolve("report.json").toString());
        assertThat(java.time.Instant.parse(printed.get("at").asText())).isBefore(java.time.Instant.now());
        assertThat(printed.get("pilotlight_version").asText()).startsWith("pilotlight ");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
        assertThat(json).isEqualTo(printed);
        assertThat(json.get("verdict").asText()).isEqualTo("missed");
        assertThat(json.get("rto").get("objective_seconds").asDouble()).isEqualTo(3.0);
        assertThat(json.get("rto").get("measured_seconds").asDouble()).as("recovered, but slower than 3 s").isGreaterThan(3.0).isLessThan(60.0);
        assertThat(json.get("rto").get("estimated_seconds").asDouble()).isPositive();
        assertThat(json.get("rpo").get("objective_seconds").asDouble()).isEqualTo(300.0);
        assertThat(json.get("rpo").get("acknowledged_writes").asInt()).isPositive();
        assertThat(json.get("rpo").has("lost_writes")).isTrue();
        assertThat(json.get("rpo").has("data_loss_window_seconds")).isTrue();
        assertThat(json.get("milestones")).extracting(m -> m.get("name").asText())
                .contains("detected", "decided", "promoted", "compute ready", "DNS answer changed", "first client success", "sustained");
        assertThat(json.get("milestones")).filteredOn(m -> m.get("name").asText().equals("DNS answer changed"))
                .allSatisfy(m -> assertThat(m.get("seconds").isNull()).isFalse());
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg").contains("Verdict: objectives missed");
    }

    /** Holds a default port the way another program would, when nothing holds it yet. */
    private static java.io.Closeable bindIfFree(int port) {
        try {
            java.net.ServerSocket socket = new java.net.ServerSocket();
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (java.io.IOException takenAlready) {
            return () -> { };
        }
    }
}
