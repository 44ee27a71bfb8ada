package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore for real: the primary's store backs up every second; the primary region is
 * killed; the operator's failover restores the latest backup into the standby, starts its store
 * and compute, flips DNS; the data written before the backup is served from the standby.
 */
class BackupRestoreFailoverTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStandbyRestoresTheLatestBackupAndServes(@TempDir Path dir) throws Exception {
        try (LabProcesses lab = new LabProcesses(dir, "manual", Duration.ZERO, true)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lab.logged("watching"));
            String east = "http://127.0.1.1:" + lab.apiPort;
            assertThat(http.send(HttpRequest.newBuilder(URI.create(east + "/items/7")).PUT(HttpRequest.BodyPublishers.ofString("kept"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            long writtenAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (var backups = Files.list(dir.resolve("backups"))) {
                    return backups.anyMatch(b -> b.getFileName().toString().startsWith("backup-")
                            && Long.parseLong(b.getFileName().toString().substring(7, 20)) > writtenAt + 100);
                }
            });
            lab.killEast();

            CliProcess.Result failover = CliProcess.run(LabProcesses.concat(List.of("failover", lab.file.toString(), "--to", "west"),
                    lab.deploymentArgs()));
            assertThat(failover.exitCode()).as(failover.out() + failover.err()).isZero();
            assertThat(failover.out()).contains("restore the latest backup of items in west").contains("restored backup-")
                    .contains("west is the writer").contains("done: west serves");
            assertThat(lab.resolve()).isEqualTo("127.0.2.1");
            String west = "http://127.0.2.1:" + lab.apiPort;
            assertThat(http.send(HttpRequest.newBuilder(URI.create(west + "/items/7")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("kept");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(west + "/items/8")).PUT(HttpRequest.BodyPublishers.ofString("new"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("the restored store takes writes").isEqualTo(200);
        }
    }
}
