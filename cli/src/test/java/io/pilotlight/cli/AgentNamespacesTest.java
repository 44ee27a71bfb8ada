package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents across three hosts (network namespaces made by the test, one etcd member on each): the
 * writer's whole region dies, or is cut off from the other two; the service fails over, no two
 * writers' acknowledged writes both survive, and the old writer's lost-writes ledger is exact.
 */
class AgentNamespacesTest {

    static void startHealthyDeployment(AgentHosts deployment) {
        deployment.start("east");
        await().atMost(Duration.ofSeconds(60)).until(() -> deployment.logged("east", "elected controller leader"));
        deployment.start("west");
        deployment.start("witness");
        String east = deployment.address("east");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> deployment.curl("c", "GET", "http://" + east + ":" + AgentHosts.API_PORT + "/healthz", null).startsWith("200"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> deployment.resolveAt("east").equals(east) && deployment.resolveAt("west").equals(east));
        await().atMost(Duration.ofSeconds(30)).until(() -> deployment.logged("west", "standing by: the controller leader is east/"));
    }

    /** The old writer follows the new one's log (of the new epoch): it has rolled back what it wrote alone, into its ledger. */
    private static boolean rejoined(JsonNode status) {
        return status.path("role").asText().equals("REPLICA") && status.path("writerRegion").asText().equals("west")
                && status.path("lastEpoch").asLong() >= 2 && status.path("streaming").asBoolean();
    }

    @Test
    void everyProcessOfTheWritersRegionDiesAndTheServiceFailsOver(@TempDir Path dir) throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir)) {
            deployment.explainFailures(() -> {
                startHealthyDeployment(deployment);
                String east = "http://" + deployment.address("east") + ":" + AgentHosts.API_PORT;
                assertThat(deployment.curl("c", "PUT", east + "/items/1", "before")).startsWith("200");

                deployment.hosts.kill("a"); // the agent (store writer, controller leader, DNS), its instances and its etcd member
                await().atMost(Duration.ofSeconds(20)).until(() -> deployment.logged("west", "elected controller leader"));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                String west = "http://" + deployment.address("west") + ":" + AgentHosts.API_PORT;
                assertThat(deployment.resolveAt("west")).isEqualTo(deployment.address("west"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.curl("c", "GET", west + "/items/1", null).equals("200 before"));
                assertThat(deployment.curl("c", "PUT", west + "/items/2", "after")).startsWith("200");
            });
        }
    }

    @Test
    void theWritersRegionCutOffFencesItselfTheOthersFailOverAndItRejoinsWithAnExactLedger(@TempDir Path dir) throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir)) {
            deployment.explainFailures(() -> {
                startHealthyDeployment(deployment);
                // a client inside east's host writes to east's store node all along: what east acknowledges while cut off is lost
                String script = "i=0; while true; do i=$((i+1)); code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' -X PUT"
                        + " --data-binary v$i " + deployment.storeUrl("east") + "/kv/p$i); echo \"p$i v$i $code\"; sleep 0.02; done";
                Process writer = deployment.hosts.exec("a", "writer.log", "bash", "-c", script);
                Path writes = deployment.hosts.logDir().resolve("writer.log");
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(writes) && Files.readString(writes).contains(" 200"));

                deployment.hosts.partition("a");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                assertThat(deployment.log("east")).as("east fenced itself").contains("stop acknowledging writes (fenced)");
                assertThat(deployment.curl("c", "PUT", deployment.storeUrl("west") + "/kv/after", "west")).startsWith("200");
                assertThat(deployment.resolveAt("west")).isEqualTo(deployment.address("west"));

                deployment.hosts.heal("a");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> rejoined(deployment.json("a", deployment.storeUrl("east") + "/status")));
                writer.destroyForcibly().waitFor();

                Map<String, String> acked = new LinkedHashMap<>();
                for (String line : Files.readAllLines(writes)) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[2].equals("200")) {
                        acked.put(parts[0], parts[1]);
                    }
                }
                Set<String> ledger = new TreeSet<>();
                for (JsonNode lost : deployment.json("a", deployment.storeUrl("east") + "/lost-writes")) {
                    ledger.add(lost.path("key").asText());
                    assertThat(acked).as("every ledger entry is a write east acknowledged").containsEntry(lost.path("key").asText(),
                            lost.path("value").asText());
                }
                int survived = 0;
                for (Map.Entry<String, String> write : acked.entrySet()) {
                    JsonNode onWest = deployment.json("c", deployment.storeUrl("west") + "/kv/" + write.getKey());
                    boolean kept = onWest.path("found").asBoolean() && onWest.path("value").asText().equals(write.getValue());
                    survived += kept ? 1 : 0;
                    assertThat(kept || ledger.contains(write.getKey()))
                            .as(write.getKey() + " acknowledged by east: on the new writer, or in east's ledger (west says " + onWest + ")").isTrue();
                    assertThat(kept && ledger.contains(write.getKey())).as(write.getKey() + " both kept and listed lost").isFalse();
                }
                assertThat(ledger).as("east acknowledged writes while cut off, before its lease lapsed").isNotEmpty();
                assertThat(survived).isPositive();
            });
        }
    }

    @Test
    void theControllerLeaderKilledMidRunbookIsFollowedByAnotherThatFinishesItOnce(@TempDir Path dir) throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir)) {
            deployment.explainFailures(() -> {
                startHealthyDeployment(deployment);
                // east's service fails while its agent (the leader) lives: the leader starts the failover from east
                Path fault = dir.resolve("east/compute/faults/api@east.json");
                Files.createDirectories(fault.getParent());
                Files.writeString(fault, "{\"error_ratio\": 1.0, \"seed\": 1}\n");
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> deployment.logged("east", "[4/6] wait until"));
                deployment.hosts.kill("a"); // the leader dies mid-runbook (with its region's etcd member)

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                assertThat(deployment.log("west")).contains("resuming the interrupted runbook agents-failover-east-to-west");
                List<Path> audits = List.of(dir.resolve("east/controller/audit.jsonl"), dir.resolve("west/controller/audit.jsonl"));
                AgentProcesses.assertEachStepDoneOnce(audits, 6);
                assertThat(deployment.resolveAt("west")).isEqualTo(deployment.address("west"));
            });
        }
    }
}
