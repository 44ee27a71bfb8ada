package io.pilotlight.agent.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.health.CheckDetails;
import io.pilotlight.health.HealthStatus;
import io.pilotlight.health.VantageDetails;
import io.pilotlight.store.coord.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two regions' agents on one etcd, each probing from its own loopback address. The primary's
 * endpoint answers 500 to the west vantage point only: alone, east would call it healthy and west
 * unhealthy and their DNS servers would disagree; sharing the verdicts, both apply the vantage rule
 * (more than 50 % of checkers healthy) over both vantage points and give the same answer.
 */
class SharedHealthTest {
    static final String API = "api.example.net.";
    static final String EAST = "127.0.32.1";
    static final String WEST = "127.0.32.2";
    static final SharedHealthVerdicts.Settings SETTINGS = new SharedHealthVerdicts.Settings(Duration.ofMillis(200), Duration.ofSeconds(3));

    static String topology(int primaryPort, int secondaryPort) {
        return """
                name: shared-health
                objectives: {rto: 1m, rpo: 1m}
                regions:
                  east: {role: primary, address: 127.0.0.1}
                  west: {role: standby, address: 127.0.0.1}
                services:
                  api:
                    health_check: {type: HTTP, resource_path: /healthz, request_interval: 200ms, failure_threshold: 2, timeout: 150ms, healthy_checker_fraction: 0.5}
                    endpoints:
                      east: {address: 127.0.0.1, port: %d}
                      west: {address: 127.0.0.1, port: %d}
                dns:
                  zones:
                    example.net:
                      record_sets:
                        - {name: api, type: A, ttl: 5, set_identifier: p, failover_routing_policy: {type: PRIMARY}, health_check: api-east, records: [192.0.2.1]}
                        - {name: api, type: A, ttl: 5, set_identifier: s, failover_routing_policy: {type: SECONDARY}, health_check: api-west, records: [192.0.2.2]}
                """.formatted(primaryPort, secondaryPort);
    }

    @TempDir
    Path dir;
    EtcdProcess etcd;
    PickyEndpoint primary;
    PickyEndpoint secondary;
    SharedRegion east;
    SharedRegion west;

    @BeforeEach
    void start() throws Exception {
        etcd = EtcdProcess.start(dir.resolve("etcd"));
        primary = new PickyEndpoint(Set.of(WEST));
        secondary = new PickyEndpoint(Set.of());
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, topology(primary.port(), secondary.port()));
        east = new SharedRegion(etcd, "/shared-health", file, "east", EAST, dir.resolve("east"), SETTINGS);
        west = new SharedRegion(etcd, "/shared-health", file, "west", WEST, dir.resolve("west"), SETTINGS);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {east, west, primary, secondary, etcd}) {
            if (open != null) {
                open.close();
            }
        }
    }

    static VantageDetails seenFrom(SharedRegion agent, String vantage) {
        CheckDetails details = agent.monitor.details("api-east").orElseThrow();
        return details.vantages().stream().filter(v -> v.vantage().equals(vantage)).findFirst().orElseThrow();
    }

    private void bothAnswerTheSecondaryByTheVantageRule() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> east.answer(API).equals("192.0.2.2") && west.answer(API).equals("192.0.2.2"));
    }

    @Test
    void everyRegionAnswersAlikeFromAllVantagePointsAndAStoppedAgentStopsVoting() throws Exception {
        bothAnswerTheSecondaryByTheVantageRule();
        for (SharedRegion agent : new SharedRegion[] {east, west}) {
            assertThat(agent.monitor.status("api-east")).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(seenFrom(agent, "east").status()).as(agent.region + "'s view of east's checker").isEqualTo(HealthStatus.HEALTHY);
            assertThat(seenFrom(agent, "west").status()).as(agent.region + "'s view of west's checker").isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(agent.monitor.details("api-east").orElseThrow().reason()).contains("1 of 2 checkers");
        }
        for (int i = 0; i < 10; i++) { // and they stay alike
            assertThat(east.answer(API)).isEqualTo(west.answer(API)).isEqualTo("192.0.2.2");
            Thread.sleep(100);
        }

        west.close(); // lease revoked: west's states vanish from etcd
        west = null;
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> east.answer(API).equals("192.0.2.1"));
        assertThat(east.monitor.details("api-east").orElseThrow().reason()).contains("not counted, no report from west");
        assertThat(seenFrom(east, "west").reason()).contains("its agent is gone");
    }

    @Test
    void withEtcdUnreachableTheOtherRegionsVotesHoldForABoundedTimeThenTheLocalVantageDecides() throws Exception {
        bothAnswerTheSecondaryByTheVantageRule();
        etcd.stop();
        long stopped = System.nanoTime();
        while (System.nanoTime() - stopped < Duration.ofMillis(2000).toNanos()) { // within staleAfter (3 s): nothing flips
            assertThat(east.answer(API)).isEqualTo("192.0.2.2");
            assertThat(west.answer(API)).isEqualTo("192.0.2.2");
            Thread.sleep(100);
        }
        // past staleAfter, each region's own vantage point decides: east sees its primary up
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> east.answer(API).equals("192.0.2.1"));
        assertThat(west.answer(API)).isEqualTo("192.0.2.2");
        assertThat(seenFrom(east, "west").reason()).contains("etcd unreachable");

        etcd.start();
        bothAnswerTheSecondaryByTheVantageRule();
    }
}
