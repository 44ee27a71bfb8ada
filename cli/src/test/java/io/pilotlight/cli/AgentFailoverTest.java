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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent per region on loopback, sharing one etcd: the regions elect one controller, and when the
 * primary region dies with its agent (the leader, its store node and its instances), the standby's
 * agent takes the lead and fails the service over; every DNS server left answers the standby.
 */
class AgentFailoverTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePrimaryRegionDiesWithTheLeaderAndTheStandbysAgentFailsOver(@TempDir Path dir) throws Exception {
        try (AgentProcesses agents = new AgentProcesses(dir, Duration.ofSeconds(1))) {
            agents.explainFailures(() -> outage(agents, dir));
        }
    }

    private void outage(AgentProcesses agents, Path dir) throws Exception {
        {
            agents.start("east");
            await().atMost(Duration.ofSeconds(20)).until(() -> agents.logged("east", "elected controller leader"));
            agents.start("west");
            agents.start("witness");
            String east = "http://127.0.31.1:" + agents.apiPort;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> call(HttpRequest.newBuilder(URI.create(east + "/healthz"))).statusCode() == 200);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> agents.resolveAt("east").equals("127.0.31.1")
                    && agents.resolveAt("west").equals("127.0.31.1"));
            assertThat(call(HttpRequest.newBuilder(URI.create(east + "/items/1")).PUT(HttpRequest.BodyPublishers.ofString("before")))
                    .statusCode()).isEqualTo(200);
            assertThat(agents.logged("west", "standing by: the controller leader is east/")).as(String.join("\n", agents.allLogs())).isTrue();
            assertThat(agents.logged("west", "elected controller leader")).isFalse();

            agents.killRegion("east");
            await().atMost(Duration.ofSeconds(10)).until(() -> agents.logged("west", "elected controller leader"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> agents.logged("west", "failover to west completed"));
            assertThat(agents.resolveAt("west")).isEqualTo("127.0.32.1");
            String west = "http://127.0.32.1:" + agents.apiPort;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> call(HttpRequest.newBuilder(URI.create(west + "/items/1"))).body().equals("before"));
            assertThat(call(HttpRequest.newBuilder(URI.create(west + "/items/2")).PUT(HttpRequest.BodyPublishers.ofString("after")))
                    .statusCode()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("west/controller/audit.jsonl"))).contains("\"finished\"");
        }
    }

    @Test
    void aLeaderKilledMidRunbookIsFollowedByAnotherThatFinishesItRunningNoStepTwice(@TempDir Path dir) throws Exception {
        try (AgentProcesses agents = new AgentProcesses(dir, Duration.ofSeconds(1))) {
            agents.explainFailures(() -> {
                agents.start("east");
                await().atMost(Duration.ofSeconds(20)).until(() -> agents.logged("east", "elected controller leader"));
                agents.start("west");
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> agents.resolveAt("west").equals("127.0.31.1"));
                // east's service fails (its agent and the controller leader live on): the leader in east starts the failover
                Path fault = dir.resolve("east/compute/faults/api@east.json");
                Files.createDirectories(fault.getParent());
                Files.writeString(fault, "{\"error_ratio\": 1.0, \"seed\": 1}\n");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> agents.logged("east", "[4/6] wait until"));
                agents.killRegion("east"); // the leader dies mid-runbook, while it waits for west's instance

                await().atMost(Duration.ofSeconds(60)).until(() -> agents.logged("west", "failover to west completed"));
                assertThat(agents.logged("west", "resuming the interrupted runbook agents-failover-east-to-west")).isTrue();
                List<Path> audits = List.of(dir.resolve("east/controller/audit.jsonl"), dir.resolve("west/controller/audit.jsonl"));
                AgentProcesses.assertEachStepDoneOnce(audits, 6);
                assertThat(Files.readAllLines(audits.get(1)).stream().filter(l -> l.contains("\"step-skipped\"")))
                        .as("west skipped what east had done").hasSize(3);
                assertThat(agents.resolveAt("west")).isEqualTo("127.0.32.1");
            });
        }
    }
}
