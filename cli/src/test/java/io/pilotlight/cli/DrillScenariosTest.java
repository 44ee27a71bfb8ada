package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole drills of the lab example (1 s health checks, 40 ms between the regions through the lab's
 * proxies), as a user runs them: a planned switchover loses nothing, and a partition's failover
 * loses exactly the writes the cut-off writer's ledger names.
 */
class DrillScenariosTest {

    @Test
    void aPilotLightRegionOutageDrillMeetsItsObjectivesAndComparesEachTermWithThePlanner(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "region-outage");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        JsonNode rto = report.get("rto");
        assertThat(rto.get("measured_seconds").asDouble()).isPositive().isLessThanOrEqualTo(rto.get("objective_seconds").asDouble());
        assertThat(rto.get("terms")).extracting(t -> t.get("name").asText())
                .contains("detection", "decision delay", "data promotion", "compute scale-up", "DNS TTL");
        assertThat(rto.get("terms")).filteredOn(t -> t.get("name").asText().equals("detection"))
                .allSatisfy(t -> assertThat(t.get("measured_seconds").asDouble()).as("detected within the planner's worst case, give or take a probe")
                        .isPositive().isLessThan(t.get("estimated_seconds").asDouble() + 2));
        assertThat(report.get("rpo").get("data_loss_window_seconds").asDouble())
                .isLessThanOrEqualTo(report.get("rpo").get("objective_seconds").asDouble());
    }

    @Test
    void aPlannedSwitchoverDrillLosesNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "switchover");
        assertThat(report.get("scenario").asText()).isEqualTo("switchover");
        assertThat(report.get("rpo").get("acknowledged_writes").asInt()).isPositive();
        assertThat(report.get("rpo").get("lost_writes").asInt()).as("switchover has RPO 0 by construction").isZero();
        assertThat(report.get("rpo").get("data_loss_window_seconds").asDouble()).isZero();
        assertThat(report.get("rpo").get("ledger").get("entries").asInt()).as("the old writer rolled nothing back").isZero();
        assertThat(report.get("milestones")).filteredOn(m -> m.get("name").asText().equals("promoted"))
                .allSatisfy(m -> assertThat(m.get("seconds").isNull()).isFalse());
        assertThat(report.get("verdict").asText()).isEqualTo("met");
    }

    @Test
    void aPartitionedWritersLostWritesAreExactlyTheOnesItsLedgerNames(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "partition");
        JsonNode rpo = report.get("rpo");
        assertThat(rpo.get("acknowledged_writes").asInt()).isPositive();
        JsonNode ledger = rpo.get("ledger");
        assertThat(ledger).as("the cut-off writer rejoined and its ledger was read").isNotNull();
        assertThat(ledger.get("lost_writes_not_named")).as("every lost acknowledged write is named by the ledger").isEmpty();
        assertThat(ledger.get("lost_writes_named").asInt()).isEqualTo(rpo.get("lost_writes").asInt());
        assertThat(ledger.get("entries").asInt()).as("the ledger may also name writes whose acknowledgement never arrived")
                .isGreaterThanOrEqualTo(rpo.get("lost_writes").asInt());
        assertThat(report.get("rto").get("measured_seconds").asDouble()).isPositive();
        assertThat(report.get("verdict").asText()).isEqualTo("met");
    }

    /** Regression: backup and restore (manual mode) could not be drilled, and its controller found no store to fail over to. */
    @Test
    void aBackupAndRestoreDrillPlaysTheOperatorRestoresTheLatestBackupAndLosesOnlyTheWritesSinceIt(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "backup-restore-lab", "region-outage");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(report.get("notes").toString()).contains("the drill played the operator");
        assertThat(report.get("milestones")).filteredOn(m -> m.get("name").asText().equals("decided"))
                .singleElement().satisfies(m -> {
                    assertThat(m.get("evidence").asText()).contains("operator (played by the drill)");
                    assertThat(m.get("seconds").asDouble()).as("the operator acts the decision delay (5 s) after the alert")
                            .isGreaterThanOrEqualTo(5.0);
                });
        assertThat(report.get("milestones")).filteredOn(m -> m.get("name").asText().equals("promoted"))
                .singleElement().satisfies(m -> assertThat(m.get("seconds").isNull()).as("the restored node became the writer").isFalse());
        JsonNode rpo = report.get("rpo");
        assertThat(rpo.get("acknowledged_writes").asInt()).isPositive();
        assertThat(rpo.get("data_loss_window_seconds").asDouble()).as("at most one backup interval (5 s) and the backup's own time")
                .isLessThanOrEqualTo(7.0);
    }

    private static JsonNode drill(Path dir, String scenario) throws Exception {
        return drill(dir, "pilot-light-lab", scenario);
    }

    private static JsonNode drill(Path dir, String example, String scenario) throws Exception {
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, Files.readString(CliProcess.REPO_ROOT.resolve("examples/" + example + ".yaml"))
                .replace("port: 8080", "port: " + StoreProcesses.freePort()));
        Path report = dir.resolve("report");
        CliProcess.Result drill = CliProcess.run(java.time.Duration.ofMinutes(4), "drill", "run", file.toString(), "--scenario", scenario, "--format", "json",
                "--report-dir", report.toString(), "--state-dir", dir.resolve("lab").toString(),
                "--store-port", Integer.toString(StoreProcesses.freePort()), "--dns", "127.0.0.1:" + StoreProcesses.freePort(),
                "--dns-admin", "127.0.0.1:" + StoreProcesses.freePort(), "--coordinator", "http://127.0.0.1:" + StoreProcesses.freePort(),
                "--deadline", "90s", "--history", dir.resolve("history.jsonl").toString());
        assertThat(drill.exitCode()).as(drill.out() + drill.err()).isZero();
        return new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
    }
}
