package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents across three hosts with the global database on PostgreSQL: each service region's agent runs its managed server
 * on the region's address (the other regions' servers and agents reach it over the network, with the servers' password),
 * the writer lease is in etcd; the writer's whole region dies and the standby's server is promoted; or the writer's region
 * is cut off: its keeper fences its server, the standby's is promoted, and after the heal the old primary is rewound over
 * the network into a standby, every write it acknowledged either on the new primary or in its ledger.
 */
class AgentPostgresNamespacesTest {
    private static final String PSQL = "/usr/lib/postgresql/15/bin/psql";

    /** A query from the witness host to a region's server, as a client there would ask it; "" when it fails. */
    private static String ask(AgentHosts deployment, String region, String password, String sql) {
        return ask(deployment, region, password, sql, "");
    }

    /** @param tls more conninfo, e.g. {@code sslmode=verify-full sslrootcert=CA} */
    private static String ask(AgentHosts deployment, String region, String password, String sql, String tls) {
        String conninfo = "host=" + deployment.address(region) + " port=" + AgentHosts.STORE_PORT + " user=postgres dbname=postgres connect_timeout=3 "
                + tls;
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

    @Test
    void thePostgresWritersRegionCutOffIsFencedTheStandbyPromotedAndAfterTheHealItRejoinsWithAnExactLedger(@TempDir Path dir)
            throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir, "postgres")) {
            deployment.explainFailures(() -> {
                AgentNamespacesTest.startHealthyDeployment(deployment);
                await().atMost(Duration.ofSeconds(60)).until(() -> deployment.logged("west", "postgres: west: created a standby of east"));
                String pw = deployment.postgresPassword;
                assertThat(ask(deployment, "east", pw, "create table lossprobe (k text primary key, v text)")).isEqualTo("CREATE TABLE");
                // a client inside east's host writes to east's server all along: what east acknowledges while cut off is lost
                String conninfo = "host=" + deployment.address("east") + " port=" + AgentHosts.STORE_PORT + " user=postgres dbname=postgres"
                        + " connect_timeout=1";
                String script = "export PGPASSWORD=" + pw + "; i=0; while true; do i=$((i+1)); if timeout 2 " + PSQL + " -w -qtA '"
                        + conninfo + "' -c \"insert into lossprobe values ('p$i', 'v$i')\" >/dev/null 2>&1; then echo \"p$i v$i ok\";"
                        + " else echo \"p$i v$i failed\"; fi; sleep 0.02; done";
                Process writer = deployment.hosts.exec("a", "pg-writer.log", "bash", "-c", script);
                Path writes = deployment.hosts.logDir().resolve("pg-writer.log");
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(writes) && Files.readString(writes).contains(" ok"));

                deployment.hosts.partition("a");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                assertThat(ask(deployment, "west", pw, "select pg_is_in_recovery()")).isEqualTo("f");
                await().atMost(Duration.ofSeconds(30)).until(() -> deployment.logged("east", "fenced"));

                deployment.hosts.heal("a");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> ask(deployment, "east", pw, "select pg_is_in_recovery()").equals("t"));
                writer.destroyForcibly().waitFor();

                Map<String, String> acked = new LinkedHashMap<>();
                for (String line : Files.readAllLines(writes)) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[2].equals("ok")) {
                        acked.put(parts[0], parts[1]);
                    }
                }
                Set<String> ledger = new TreeSet<>();
                Path ledgerFile = dir.resolve("east/postgres/east/lost-writes.json"); // none: nothing was lost
                JsonNode entries = Files.exists(ledgerFile) ? new ObjectMapper().readTree(ledgerFile.toFile()) : new ObjectMapper().createArrayNode();
                for (JsonNode lost : entries) {
                    if (lost.path("table").asText().endsWith("lossprobe")) {
                        ledger.add(lost.path("key").asText());
                        assertThat(acked).as("every ledger entry is a write east acknowledged").containsEntry(lost.path("key").asText(),
                                lost.path("value").asText());
                    }
                }
                String onWest = ask(deployment, "west", pw, "select string_agg(k || '=' || v, ' ') from lossprobe");
                Set<String> kept = new TreeSet<>(java.util.Arrays.asList(onWest.split(" ")));
                for (Map.Entry<String, String> write : acked.entrySet()) {
                    boolean survived = kept.contains(write.getKey() + "=" + write.getValue());
                    assertThat(survived || ledger.contains(write.getKey()))
                            .as(write.getKey() + " acknowledged by east: on the new primary, or in east's ledger").isTrue();
                    assertThat(survived && ledger.contains(write.getKey())).as(write.getKey() + " both kept and listed lost").isFalse();
                }
                assertThat(kept).as("writes before the cut reached west").isNotEmpty();
            });
        }
    }

    @Test
    void withTheAgentsCertificatesTheServersTakeOnlyTlsAndReplicateOverItAndStillFailOver(@TempDir Path dir) throws Exception {
        try (AgentHosts deployment = new AgentHosts(dir, "postgres")) {
            io.pilotlight.http.tls.TestCa ca = io.pilotlight.http.tls.TestCa.create(dir.resolve("ca"), "pilotlight-test-ca");
            for (String region : AgentHosts.HOST_OF.keySet()) {
                io.pilotlight.http.tls.TlsFiles files = ca.issue("agent." + region, deployment.address(region));
                deployment.environments.put(region, Map.of("PILOTLIGHT_TLS_CERT", files.certificate().toString(),
                        "PILOTLIGHT_TLS_KEY", files.privateKey().toString(), "PILOTLIGHT_TLS_CA", files.trustedCa().toString()));
            }
            String verified = "sslmode=verify-full sslrootcert=" + ca.certificate();
            deployment.explainFailures(() -> {
                AgentNamespacesTest.startHealthyDeployment(deployment);
                await().atMost(Duration.ofSeconds(60)).until(() -> deployment.logged("west", "postgres: west: created a standby of east"));
                String pw = deployment.postgresPassword;
                assertThat(ask(deployment, "east", pw, "select 1", "sslmode=disable")).as("no TLS, no connection, even with the password")
                        .contains("no pg_hba.conf entry").contains("no encryption");
                assertThat(ask(deployment, "east", pw, "select ssl from pg_stat_ssl where pid = pg_backend_pid()", verified))
                        .as("the server's certificate chains to the CA and names its address").isEqualTo("t");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> ask(deployment, "east", pw,
                        "select string_agg(r.application_name || ':' || s.ssl, ',') from pg_stat_replication r join pg_stat_ssl s using (pid)",
                        verified).equals("west:true"));

                String east = "http://" + deployment.address("east") + ":" + AgentHosts.API_PORT;
                assertThat(deployment.curl("c", "PUT", east + "/items/1", "before")).startsWith("200");
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> ask(deployment, "west", pw,
                        "select value from pilotlight_probe where key = 'item/1'", verified).equals("before"));
                deployment.hosts.kill("a");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.logged("west", "failover to west completed"));
                String west = "http://" + deployment.address("west") + ":" + AgentHosts.API_PORT;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> deployment.curl("c", "GET", west + "/items/1", null).equals("200 before"));
                assertThat(deployment.curl("c", "PUT", west + "/items/2", "after")).startsWith("200");
            });
        }
    }
}
