package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every drill scenario on the lab with a PostgreSQL 15 server per region (examples/pilot-light-postgres-lab.yaml), run
 * as a user runs it: each region's keeper creates and guards its server, the standby streams through the lab's fault
 * proxy, the writer lease is in the lab's coordinator, the sample service writes through pgJDBC. Also the shipped
 * examples/warm-standby.yaml, which says engine: postgres, as it is.
 */
class PostgresDrillScenariosTest {

    @Test
    void aRegionOutageFailsOverToTheStandbyAndLosesNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "pilot-light-postgres-lab", "region-outage");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(report.get("milestones")).filteredOn(m -> m.get("name").asText().equals("promoted"))
                .singleElement().satisfies(m -> assertThat(m.get("seconds").isNull()).as("the standby was promoted").isFalse());
        JsonNode rpo = report.get("rpo");
        assertThat(rpo.get("acknowledged_writes").asInt()).isPositive();
        assertThat(rpo.get("data_loss_window_seconds").asDouble()).isLessThanOrEqualTo(rpo.get("objective_seconds").asDouble());
    }

    @Test
    void aPartitionedPrimaryIsFencedAndItsLedgerNamesExactlyTheWritesItLost(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "pilot-light-postgres-lab", "partition");
        JsonNode rpo = report.get("rpo");
        assertThat(rpo.get("acknowledged_writes").asInt()).isPositive();
        JsonNode ledger = rpo.get("ledger");
        assertThat(ledger).as("the fenced primary was rewound when the links healed, and its ledger was read").isNotNull();
        assertThat(ledger.get("lost_writes_not_named")).as("every lost acknowledged write is named by the ledger").isEmpty();
        assertThat(ledger.get("lost_writes_named").asInt()).isEqualTo(rpo.get("lost_writes").asInt());
        assertThat(ledger.get("entries").asInt()).as("the ledger may also name commits whose acknowledgement never arrived")
                .isGreaterThanOrEqualTo(rpo.get("lost_writes").asInt());
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(Files.readString(dir.resolve("lab/logs/store-us-east-1.log"))).contains("fenced").contains("was rewound and follows us-west-2");
    }

    @Test
    void aGrayFailureMovesTheWriterByASwitchoverAndLosesNothing(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "pilot-light-postgres-lab", "gray-failure");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(report.get("rpo").get("lost_writes").asInt()).isZero();
    }

    @Test
    void aPlannedSwitchoverLosesNoAcknowledgedWriteAndTheOldPrimaryFollows(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "pilot-light-postgres-lab", "switchover");
        assertThat(report.get("rpo").get("acknowledged_writes").asInt()).isPositive();
        assertThat(report.get("rpo").get("lost_writes").asInt()).as("switchover has RPO 0 by construction").isZero();
        assertThat(report.get("rpo").get("ledger").get("entries").asInt()).isZero();
        assertThat(report.get("notes").toString()).contains("the switchover runbook completed");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(Files.readString(dir.resolve("lab/logs/switchover.log"))).containsPattern("after a \\d+ms write gap; us-east-1");
    }

    /**
     * Backup and restore on PostgreSQL: eu-central-1 has no server until the operator (the drill) restores the latest backup
     * there. Its check made HTTPS, as the shipped backup-restore.yaml's is: the instances serve the lab's certificate, the
     * health checks verify it, the drill's clients trust it.
     */
    @Test
    void aBackupAndRestoreDrillRestoresTheLatestBaseBackupAndArchivedWalAndLosesAtMostAboutOneInterval(@TempDir Path dir)
            throws Exception {
        JsonNode report = drill(dir, "backup-restore-postgres-lab", "region-outage", text -> text.replace("type: HTTP\n", "type: HTTPS\n"));
        System.out.println("backup-restore on postgres: RTO " + report.get("rto").get("measured_seconds") + " s; lost "
                + report.get("rpo").get("lost_writes") + " of " + report.get("rpo").get("acknowledged_writes") + " acknowledged writes,"
                + " data-loss window " + report.get("rpo").get("data_loss_window_seconds") + " s");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(report.get("notes").toString()).contains("the drill played the operator");
        assertThat(report.get("milestones")).filteredOn(m -> m.get("name").asText().equals("promoted"))
                .singleElement().satisfies(m -> assertThat(m.get("seconds").isNull()).as("the restored server became the writer").isFalse());
        JsonNode rpo = report.get("rpo");
        assertThat(rpo.get("acknowledged_writes").asInt()).isPositive();
        assertThat(rpo.get("data_loss_window_seconds").asDouble()).as("at most archive_timeout (the 5 s interval) and a segment's copy")
                .isLessThanOrEqualTo(8.0);
        assertThat(Files.readString(dir.resolve("lab/logs/store-eu-west-1.log"))).contains("base backup taken");
        assertThat(Files.readString(dir.resolve("lab/logs/operator.log"))).contains("restored ledger in eu-central-1 from base-");
        assertThat(Files.readString(dir.resolve("lab/controller/logs/portal-eu-west-1-0.log"))).contains("serving on https://");
    }

    @Test
    void theShippedWarmStandbyExampleOnPostgresDrills(@TempDir Path dir) throws Exception {
        JsonNode report = drill(dir, "warm-standby", "region-outage");
        assertThat(report.get("verdict").asText()).isEqualTo("met");
        assertThat(report.get("rpo").get("acknowledged_writes").asInt()).isPositive();
    }

    private static JsonNode drill(Path dir, String example, String scenario) throws Exception {
        return drill(dir, example, scenario, java.util.function.UnaryOperator.identity());
    }

    private static JsonNode drill(Path dir, String example, String scenario, java.util.function.UnaryOperator<String> edit) throws Exception {
        // the servers run as the postgres user: the lab's state directory must let it through (a JUnit folder is 0700)
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("lab.yaml");
        Files.writeString(file, edit.apply(Files.readString(CliProcess.REPO_ROOT.resolve("examples/" + example + ".yaml"))
                .replace("port: 8080", "port: " + StoreProcesses.freePort())));
        Path report = dir.resolve("report");
        CliProcess.Result drill = CliProcess.run(java.time.Duration.ofMinutes(6), "drill", "run", file.toString(), "--scenario", scenario,
                "--format", "json", "--report-dir", report.toString(), "--state-dir", dir.resolve("lab").toString(),
                "--store-port", Integer.toString(StoreProcesses.freePort()), "--dns", "127.0.0.1:" + StoreProcesses.freePort(),
                "--dns-admin", "127.0.0.1:" + StoreProcesses.freePort(), "--coordinator", "http://127.0.0.1:" + StoreProcesses.freePort(),
                "--history", dir.resolve("history.jsonl").toString());
        assertThat(drill.exitCode()).as(drill.out() + drill.err()).isZero();
        return new ObjectMapper().readTree(Files.readString(report.resolve("report.json")));
    }
}
