package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.Capability;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.Position;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** engine: postgres on real PostgreSQL 15 servers the test starts: roles, positions, lag, and the switchover. */
class PostgresEngineTest {

    @Test
    void managedServersReplicateAndTheEngineReportsRolesPositionsAndLag() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            var engine = pg.engine;
            assertThat(engine.engine()).isEqualTo("postgres");
            try (var found = io.pilotlight.engine.Engines.open("orders", PgFixture.spec("east", List.of("east", "west")), pg.servers.endpoints(),
                    null)) {
                assertThat(found).isInstanceOf(PostgresEngine.class);
                assertThat(found.state("east").role()).isEqualTo(ReplicaRole.WRITER);
            }
            assertThat(engine.capabilities()).contains(Capability.PROMOTE, Capability.SWITCHOVER, Capability.LOST_WRITES_LEDGER);
            assertThat(engine.writer()).contains("east");
            Position last = Position.NONE;
            for (int i = 0; i < 20; i++) {
                last = engine.writeProbe("probe/" + i, "v" + i);
            }
            Position written = last;
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.state("west").durable().compareTo(written) >= 0
                    && engine.state("west").lag().entries() == 0);
            RegionState east = engine.state("east");
            assertThat(east.role()).isEqualTo(ReplicaRole.WRITER);
            assertThat(east.leaseValid()).isTrue();
            assertThat(east.epoch()).isEqualTo(1);
            RegionState west = engine.state("west");
            assertThat(west.role()).isEqualTo(ReplicaRole.REPLICA);
            assertThat(west.epoch()).isEqualTo(1);
            assertThat(west.lag()).isEqualTo(new io.pilotlight.engine.Lag(0, 0));
            assertThat(west.lastContact()).isNotNull();
            assertThat(west.detail()).contains("streaming");
            assertThat(engine.readBack(List.of("probe/0", "probe/19", "probe/never"))).containsExactly(
                    Map.entry("probe/0", "v0"), Map.entry("probe/19", "v19"));

            // a standby whose replay is paused trails in bytes and time
            try (Connection c = pg.connect("west"); Statement s = c.createStatement()) {
                s.execute("select pg_wal_replay_pause()");
            }
            for (int i = 0; i < 20; i++) {
                engine.writeProbe("lagging/" + i, "x".repeat(200));
            }
            Thread.sleep(300);
            RegionState behind = engine.state("west");
            assertThat(behind.lag().entries()).isPositive();
            assertThat(behind.lag().millis()).isPositive();
            assertThat(behind.detail()).contains("replay paused");
        }
    }

    static void awaitFollowing(PgFixture pg, String region) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> pg.engine.state(region).role() == ReplicaRole.REPLICA
                    && pg.engine.state(region).detail().contains("streaming") && pg.engine.state(region).lag().entries() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(region + " does not follow the writer: " + pg.diagnose(region), e);
        }
    }

    @Test
    void aSwitchoverLosesNothingAndTheOldPrimaryFollowsTheNewOne() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            var engine = pg.engine;
            for (int i = 0; i < 50; i++) {
                engine.writeProbe("before/" + i, "v" + i);
            }
            Handover handover = engine.switchover("west", Duration.ofSeconds(10));
            System.out.println("switchover: " + handover);
            assertThat(handover.region()).isEqualTo("west");
            assertThat(handover.epoch()).isEqualTo(2);
            // 0.5-0.7 s here; the bound leaves room for a loaded two-core machine
            assertThat(handover.writeGap()).isLessThan(Duration.ofSeconds(2));
            assertThat(engine.writer()).contains("west");
            engine.writeProbe("after", "1");
            awaitFollowing(pg, "east");
            assertThat(engine.state("east").epoch()).isEqualTo(2);
            List<String> keys = new java.util.ArrayList<>(List.of("after"));
            for (int i = 0; i < 50; i++) {
                keys.add("before/" + i);
            }
            assertThat(engine.readBack(keys)).hasSize(51);
            assertThat(engine.lostWrites("east")).isEmpty();
            // and back
            Handover back = engine.switchover("east", Duration.ofSeconds(10));
            System.out.println("switchover back: " + back);
            assertThat(back.epoch()).isEqualTo(3);
            assertThat(engine.readBack(keys)).hasSize(51);
        }
    }
}
