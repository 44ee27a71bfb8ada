package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents across three hosts with the global database on PostgreSQL: each service region's agent runs its managed server
 * on the region's address (the other regions' servers and agents reach it over the network, with the servers' password),
 * the writer lease is in etcd; the writer's whole region dies and the standby's server is promoted.
 */
class AgentPostgresNamespacesTest {
    private static final String PSQL = "/usr/lib/postgresql/15/bin/psql";

    /** A query from the witness host to a region's server, as a client there would ask it; "" when it fails. */
    private static String ask(AgentHosts deployment, String region, String password, String sql) {
        String conninfo = "host=" + deployment.address(region) + " port=" + AgentHosts.STORE_PORT + " user=postgres dbname=postgres connect_timeout=3";
        String env = password == null ? "PGPASSWORD= " : "PGPASSWORD=" + password + " ";
        var result = deployment.hosts.run("c", Duration.ofSeconds(10), "bash", "-c",
                env + PSQL + " -w -tA '" + conninfo + "' -c \"" + sql + "\" 2>&1");
        return result.output().strip();
    }

    @Test
    void thePostgresWritersRegionDiesAndTheStandbysServerIsPromoted(@TempDir Path dir) throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir, "postgres")) {
            deployment.explainFailures(() -> {
                AgentNamespacesTest.startHealthyDeployment(deployment);
                assertThat(deployment.log("east")).contains("postgres: east: created the first primary");
                await().atMost(Duration.ofSeconds(60)).until(() -> deployment.logged("west", "postgres: west: created a standby of east"));
                String east = "http://" + deployment.address("east") + ":" + AgentHosts.API_PORT;
                assertThat(deployment.curl("c", "PUT", east + "/items/1", "before")).startsWith("200");

                // the servers take connections from other hosts only with the password
                assertThat(ask(deployment, "east", null, "select 1")).contains("password");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> ask(deployment, "west",
                        deployment.postgresPassword, "select value from pilotlight_probe where key = 'item/1'").equals("before"));
                assertThat(ask(deployment, "west", deployment.postgresPassword, "select pg_is_in_recovery()")).isEqualTo("t");

                deployment.hosts.kill("a"); // the agent (keeper, controller leader, DNS), its PostgreSQL server, instances, etcd member
                await().atMost(Duration.ofSeconds(20)).until(() -> deployment.logged("west", "elected controller leader"));
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                assertThat(ask(deployment, "west", deployment.postgresPassword, "select pg_is_in_recovery()")).isEqualTo("f");
                assertThat(deployment.resolveAt("west")).isEqualTo(deployment.address("west"));
                String west = "http://" + deployment.address("west") + ":" + AgentHosts.API_PORT;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.curl("c", "GET", west + "/items/1", null).equals("200 before"));
                assertThat(deployment.curl("c", "PUT", west + "/items/2", "after")).startsWith("200");
                assertThat(ask(deployment, "west", deployment.postgresPassword, "select value from pilotlight_probe where key = 'item/2'"))
                        .isEqualTo("after");
            });
        }
    }
}
