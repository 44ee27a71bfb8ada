package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drill history}, {@code plan --history} and {@code drill run --drill} on hand-written history
 * files, as separate processes.
 */
class DrillHistoryProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String line(String at, String topology, String drill, String verdict) {
        return "{\"at\":\"" + at + "\",\"topology\":\"" + topology + "\",\"drill\":" + (drill == null ? "null" : "\"" + drill + "\"")
                + ",\"scenario\":\"region-outage\",\"target\":\"us-east-1\",\"verdict\":\"" + verdict + "\",\"rto_seconds\":41.5,"
                + "\"lost_writes\":3,\"data_loss_window_seconds\":0.8,\"report\":\".pilotlight/drills/" + at.replace(':', '-') + "\"}\n";
    }

    static String topologyName(String example) throws Exception {
        return Files.readAllLines(CliProcess.REPO_ROOT.resolve(example)).stream().filter(l -> l.startsWith("name:"))
                .findFirst().orElseThrow().substring("name:".length()).trim();
    }

    @Test
    void historyShowsATableNewestLastAndSkipsACorruptLineWithAWarning(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, line("2026-11-20T10:00:00Z", "shop", "monthly-region-outage", "met")
                + line("2026-11-01T10:00:00Z", "other", null, "missed")
                + "{\"at\": not json\n"
                + line("2026-11-25T10:00:00Z", "shop", null, "error"));
        CliProcess.Result result = CliProcess.run("drill", "history", "--history", history.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: " + history + " line 3 skipped: not JSON");
        var lines = result.out().lines().toList();
        assertThat(lines.get(0)).contains("WHEN").contains("TOPOLOGY").contains("DRILL").contains("SCENARIO").contains("TARGET")
                .contains("VERDICT").contains("RTO").contains("LOST WRITES").contains("REPORT");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("2026-11-01T10:00:00Z").contains("other").contains("missed");
        assertThat(lines.get(2)).contains("monthly-region-outage").contains("met").contains("41.5s").contains("3");
        assertThat(lines.get(3)).startsWith("2026-11-25T10:00:00Z");
    }

    @Test
    void historyOfATopologyFileKeepsOnlyItsDrillsAndSpeaksJson(@TempDir Path dir) throws Exception {
        String shop = topologyName("examples/pilot-light.yaml");
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, line("2026-11-20T10:00:00Z", shop, "monthly-region-outage", "met")
                + line("2026-11-21T10:00:00Z", "other", null, "missed"));
        CliProcess.Result result = CliProcess.run("drill", "history", "examples/pilot-light.yaml", "--format", "json",
                "--history", history.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode json = JSON.readTree(result.out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("drill").asText()).isEqualTo("monthly-region-outage");
        assertThat(json.get(0).get("verdict").asText()).isEqualTo("met");
        assertThat(json.get(0).get("lost_writes").asInt()).isEqualTo(3);
    }

    @Test
    void anEmptyOrMissingHistorySaysSo(@TempDir Path dir) throws Exception {
        CliProcess.Result result = CliProcess.run("drill", "history", "--history", dir.resolve("none.jsonl").toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("no drills in the history");
    }

    @Test
    void planWarnsThatTheExampleIsUntestedWithoutARecentPassAndStillExitsZero(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        String shop = topologyName("examples/pilot-light.yaml");
        Files.writeString(history, line(Instant.now().minus(Duration.ofDays(45)).toString(), shop, "monthly-region-outage", "met")
                + line(Instant.now().minus(Duration.ofDays(1)).toString(), shop, "monthly-region-outage", "missed"));
        CliProcess.Result result = CliProcess.run("plan", "examples/pilot-light.yaml", "--history", history.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("[untested-plan]").contains("drill monthly-region-outage has not passed within its every 30d")
                .contains("(45d ago)").contains("last run missed")
                .contains("fix:      pilotlight drill run examples/pilot-light.yaml --drill monthly-region-outage");
        CliProcess.Result none = CliProcess.run("plan", "examples/pilot-light.yaml", "--history", dir.resolve("none.jsonl").toString(),
                "--format", "json");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).contains("untested-plan").contains("last pass: never");
    }

    @Test
    void planHasNoUntestedFindingAfterARecentPass(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, line(Instant.now().minus(Duration.ofDays(2)).toString(), topologyName("examples/pilot-light.yaml"),
                "monthly-region-outage", "met"));
        CliProcess.Result result = CliProcess.run("plan", "examples/pilot-light.yaml", "--history", history.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).doesNotContain("untested-plan");
    }

    @Test
    void runningAnUnknownDrillIsBadInputNamingTheDrills() throws Exception {
        CliProcess.Result result = CliProcess.run("drill", "run", "examples/pilot-light.yaml", "--drill", "weekly");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--drill \"weekly\" is not a drill of examples/pilot-light.yaml; drills: [monthly-region-outage]");
        CliProcess.Result contradiction = CliProcess.run("drill", "run", "examples/pilot-light.yaml", "--drill", "monthly-region-outage",
                "--scenario", "partition");
        assertThat(contradiction.exitCode()).isEqualTo(2);
        assertThat(contradiction.err()).contains("--scenario partition contradicts drill monthly-region-outage, whose scenario is region-outage");
    }
}
