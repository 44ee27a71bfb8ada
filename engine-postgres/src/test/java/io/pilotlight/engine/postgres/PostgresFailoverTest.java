package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.ReplicaRole;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Failover on real PostgreSQL 15 servers: a killed or paused primary, a promotion that waits for its
 * lease, fencing, and the rejoin's ledger against the rows actually lost.
 */
class PostgresFailoverTest {

    @Test
    void aKilledPrimaryFailsOverAfterItsLeaseAndTheRejoinLedgerHoldsExactlyTheRowsLost() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            var engine = pg.engine;
            try (Connection east = pg.connect("east"); Statement s = east.createStatement()) {
                s.execute("create table orders (id int primary key, item text, qty int)");
                for (int i = 1; i <= 10; i++) {
                    s.execute("insert into orders values (" + i + ", 'item " + i + "', " + i + ")");
                }
            }
            PostgresEngineTest.awaitFollowing(pg, "west");
            cutOff(pg, "west");

            // acknowledged on east, never received by west
            List<String> expectedLost = new ArrayList<>();
            try (Connection east = pg.connect("east"); Statement s = east.createStatement()) {
                for (int i = 11; i <= 20; i++) {
                    s.execute("insert into orders values (" + i + ", 'it''s " + i + "', " + (i * 10) + ")");
                    expectedLost.add("public.orders|" + i + "|insert|{\"item\":\"it's " + i + "\",\"qty\":\"" + (i * 10) + "\"}");
                }
                s.execute("update orders set qty = 99 where id = 1");
                expectedLost.add("public.orders|1|update|{\"item\":\"item 1\",\"qty\":\"99\"}");
                s.execute("delete from orders where id = 2");
                expectedLost.add("public.orders|2|delete|null");
            }
            assertThat(engine.state("west").lag().entries()).isPositive();
            // the guard moves the ledger slot up to what the cut-off standby flushed, and no further
            await().atMost(Duration.ofSeconds(15)).until(() -> ledgerSlotAtStandbysSlot(pg, "east"));

            pg.signal("east", "KILL");
            Instant killed = Instant.now();
            assertThatThrownBy(() -> engine.promote("west", Duration.ofMillis(200), true)).isInstanceOf(EngineException.class)
                    .hasMessageContaining("east holds the writer lease of orders");
            Handover handover = engine.promote("west", Duration.ofSeconds(10), true);
            try (Connection west = pg.connect("west"); Statement s = west.createStatement()) {
                s.execute("insert into orders values (100, 'after failover', 1)");
            }
            Duration failover = Duration.between(killed, Instant.now());
            System.out.println("failover: primary killed -> first commit on " + handover.region() + " in " + failover.toMillis() + "ms; "
                    + handover.summary());
            assertThat(handover.region()).isEqualTo("west");
            assertThat(handover.epoch()).isEqualTo(2);
            assertThat(failover).isLessThan(Duration.ofSeconds(5));
            assertThat(engine.writer()).contains("west");
            assertThat(engine.state("east").reachable()).isFalse();

            String rejoined = engine.rejoin("east");
            System.out.println("rejoin: " + rejoined);
            List<String> ledger = new ArrayList<>();
            for (LostWrite lost : engine.lostWrites("east")) {
                ledger.add(lost.table() + "|" + lost.key() + "|" + lost.operation() + "|" + lost.value());
                assertThat(lost.position().epoch()).isEqualTo(1);
                assertThat(lost.committed()).isBetween(killed.minusSeconds(60), killed);
            }
            System.out.println("ledger: " + ledger.size() + " rows, expected lost: " + expectedLost.size());
            assertThat(ledger).containsExactlyElementsOf(expectedLost);

            // the rows are truly missing on the new writer, and the old primary now follows it on the new timeline
            Set<Integer> ids = ids(pg, "west");
            for (int i = 11; i <= 20; i++) {
                assertThat(ids).doesNotContain(i);
            }
            assertThat(ids).contains(1, 2, 100);
            PostgresEngineTest.awaitFollowing(pg, "east");
            assertThat(engine.state("east").epoch()).isEqualTo(2);
            assertThat(ids(pg, "east")).isEqualTo(ids);
        }
    }

    @Test
    void aPausedPrimaryIsFencedWhenItsLeaseLapsesAndTakesNoWriteWhenItResumes() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            var engine = pg.engine;
            engine.writeProbe("before", "1");
            PostgresEngineTest.awaitFollowing(pg, "west");
            long eastPid = pg.servers.pid("east");
            pg.signal("east", "STOP");
            Handover handover = engine.promote("west", Duration.ofSeconds(10), false);
            assertThat(handover.region()).isEqualTo("west");
            await().atMost(Duration.ofSeconds(10)).until(() -> ManagedServer.gone(eastPid));
            assertThat(Files.exists(pg.base.resolve("east").resolve(ManagedServer.FENCED_MARKER))).isTrue();
            assertThat(engine.state("east").reachable()).isFalse();
            assertThat(engine.state("east").detail()).contains("fenced");
            assertThatThrownBy(() -> pg.connect("east")).isInstanceOf(SQLException.class);
            int eastPort = Integer.parseInt(pg.servers.endpoints().get("east").replaceAll(".*port=", ""));
            assertThatThrownBy(() -> new ManagedServer("east", pg.base.resolve("east"), eastPort, PgBinaries.locate()).start())
                    .isInstanceOf(PostgresSetupException.class).hasMessageContaining("never started as a primary again");
            engine.writeProbe("after", "2");
            assertThat(engine.readBack(List.of("before", "after"))).hasSize(2);

            String rejoined = engine.rejoin("east");
            assertThat(rejoined).contains("0 rows");
            assertThat(engine.lostWrites("east")).isEmpty();
            PostgresEngineTest.awaitFollowing(pg, "east");
            assertThat(engine.state("east").role()).isEqualTo(ReplicaRole.REPLICA);
        }
    }

    @Test
    void aPrimaryWhoseGuardIsGoneIsFencedByThePromotionBeforeAnotherTakesWrites() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            pg.engine.writeProbe("before", "1");
            PostgresEngineTest.awaitFollowing(pg, "west");
            long eastPid = pg.servers.pid("east");
            try (var other = PostgresEngineFactory.open("orders", PgFixture.spec("east", List.of("east", "west")), pg.servers.endpoints(),
                    java.time.Clock.systemUTC(), java.util.function.UnaryOperator.identity())) {
                pg.engine.close(); // the process guarding east is gone: its lease lapses, east still answers as a primary
                Handover handover = other.promote("west", Duration.ofSeconds(10), false);
                assertThat(handover.region()).isEqualTo("west");
                assertThat(ManagedServer.gone(eastPid)).isTrue();
                assertThat(Files.exists(pg.base.resolve("east").resolve(ManagedServer.FENCED_MARKER))).isTrue();
                assertThat(other.writer()).contains("west");
            }
        }
    }

    @Test
    void aPrimaryCutOffFromTheLeaseStoreStopsBeforeAnotherIsPromoted() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Instant> acquiredAt = new java.util.concurrent.atomic.AtomicReference<>();
        try (PgFixture pg = new PgFixture(store -> new CutOffLeaseStore(store, "east", cut, acquiredAt), "east", "west")) {
            var engine = pg.engine;
            engine.writeProbe("before", "1");
            PostgresEngineTest.awaitFollowing(pg, "west");
            java.util.concurrent.atomic.AtomicReference<Instant> fencedAt = new java.util.concurrent.atomic.AtomicReference<>();
            ProcessHandle eastPostmaster = ProcessHandle.of(pg.servers.pid("east")).orElseThrow();
            Thread.ofVirtual().start(() -> {
                while (!ManagedServer.gone(eastPostmaster.pid())) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                fencedAt.set(Instant.now());
            });
            cut.set(true);
            Instant asked = Instant.now();
            Handover handover = engine.promote("west", Duration.ofSeconds(10), false);
            assertThat(fencedAt.get()).as("east stopped before west took the lease and was promoted").isNotNull().isBefore(acquiredAt.get());
            System.out.println("cut off from the lease store: east stopped " + Duration.between(asked, fencedAt.get()).toMillis()
                    + "ms after the cut, west took the lease " + Duration.between(fencedAt.get(), acquiredAt.get()).toMillis()
                    + "ms after that (waited " + handover.writeGap().toMillis() + "ms)");
            assertThat(engine.writer()).contains("west");
            assertThat(engine.state("east").reachable()).isFalse();
        }
    }

    /** A lease store that refuses one region's renewals while {@code cut} is set: that region's agent is cut off from it. */
    private record CutOffLeaseStore(LeaseStore store, String region, java.util.concurrent.atomic.AtomicBoolean cut,
                                    java.util.concurrent.atomic.AtomicReference<Instant> acquiredAt) implements LeaseStore {
        @Override
        public WriterLease current() throws java.io.IOException {
            return store.current();
        }

        @Override
        public boolean acquire(String r, long epoch, Duration ttl) throws java.io.IOException {
            boolean acquired = store.acquire(r, epoch, ttl);
            if (acquired && !r.equals(region)) {
                acquiredAt.set(Instant.now());
            }
            return acquired;
        }

        @Override
        public boolean renew(String r, long epoch, Duration ttl) throws java.io.IOException {
            if (cut.get() && r.equals(region)) {
                throw new java.io.IOException(region + " is cut off from the lease store");
            }
            return store.renew(r, epoch, ttl);
        }

        @Override
        public boolean transfer(String from, String to, long epoch, Duration ttl) throws java.io.IOException {
            return store.transfer(from, to, epoch, ttl);
        }
    }

    private static boolean ledgerSlotAtStandbysSlot(PgFixture pg, String primary) throws SQLException {
        try (Connection c = pg.connect(primary); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select l.confirmed_flush_lsn = p.restart_lsn, l.confirmed_flush_lsn < pg_current_wal_lsn()"
                     + " from pg_replication_slots l, pg_replication_slots p where l.slot_name = 'pilotlight_ledger'"
                     + " and p.slot_type = 'physical'")) {
            r.next();
            return r.getBoolean(1) && r.getBoolean(2);
        }
    }

    /** The standby stops receiving: its WAL receiver is stopped by an empty primary_conninfo. */
    private static void cutOff(PgFixture pg, String region) throws SQLException {
        try (Connection c = pg.connect(region); Statement s = c.createStatement()) {
            s.execute("alter system set primary_conninfo = ''");
            s.execute("select pg_reload_conf()");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = pg.connect(region); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from pg_stat_wal_receiver")) {
                r.next();
                return r.getInt(1) == 0;
            }
        });
    }

    private static Set<Integer> ids(PgFixture pg, String region) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = pg.connect(region); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select id from orders")) {
            while (r.next()) {
                ids.add(r.getInt(1));
            }
        }
        return ids;
    }
}
