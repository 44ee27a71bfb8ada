package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.Handover;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.topology.ReplicationMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Sync mode on real PostgreSQL 15 servers: a commit is acknowledged only once a standby has it, so a
 * failover loses no acknowledged commit; a commit the dead primary never acknowledged still shows in
 * its ledger (it was committed there).
 */
class PostgresSyncModeTest {

    @Test
    void aSwitchoverInSyncModeReportsTheGapUntilTheNewPrimaryCanCommit() throws Exception {
        try (PgFixture pg = new PgFixture(UnaryOperator.identity(), ReplicationMode.SYNC, "east", "west")) {
            var engine = pg.engine;
            engine.writeProbe("before", "1");
            Handover handover = engine.switchover("west", Duration.ofSeconds(10));
            System.out.println("sync switchover: " + handover.summary());
            assertThat(handover.summary()).contains("sync mode: until a standby followed it");
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                try {
                    engine.writeProbe("after", "2");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(write).succeedsWithin(2, TimeUnit.SECONDS);
            assertThat(engine.readBack(List.of("before", "after"))).hasSize(2);
        }
    }

    @Test
    void aFailoverInSyncModeLosesNoAcknowledgedCommit() throws Exception {
        try (PgFixture pg = new PgFixture(UnaryOperator.identity(), ReplicationMode.SYNC, "east", "west")) {
            var engine = pg.engine;
            try (Connection c = pg.connect("east"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "show synchronous_standby_names")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("ANY 1 (\"west\")");
            }
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                engine.writeProbe("k" + i, "v" + i);
                acknowledged.add("k" + i);
            }
            try (Connection c = pg.connect("west"); Statement s = c.createStatement()) {
                s.execute("alter system set primary_conninfo = ''");
                s.execute("select pg_reload_conf()");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !engine.state("west").detail().contains("streaming"));
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try (Connection c = pg.connect("east"); Statement s = c.createStatement()) {
                    s.execute("insert into " + PostgresEngine.PROBE_TABLE + " values ('unacknowledged', 'x')");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            assertThat(waiting).as("no standby has the commit: it is not acknowledged").isNotDone();

            pg.signal("east", "KILL");
            Handover handover = engine.promote("west", Duration.ofSeconds(10), false);
            assertThat(handover.region()).isEqualTo("west");
            assertThat(waiting).failsWithin(10, TimeUnit.SECONDS);
            assertThat(engine.readBack(acknowledged)).hasSize(20);

            engine.rejoin("east");
            assertThat(engine.lostWrites("east")).extracting(LostWrite::key).containsExactly("unacknowledged");
            PostgresEngineTest.awaitFollowing(pg, "east");
        }
    }
}
