package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.topology.Replication;
import io.pilotlight.topology.ReplicationMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RPO guard on real PostgreSQL 15 servers (lag_bound 1s, rpo_guard 3s): a standby stopped past the bound makes
 * commits wait and then fail; it resumes, commits succeed again, and every acknowledged commit is on it.
 */
class PostgresRpoGuardTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void commitsWaitThenFailWhileNoStandbyIsWithinTheBoundAndSucceedOnceOneCatchesUp() throws Exception {
        try (PgFixture pg = new PgFixture(new Replication(ReplicationMode.ASYNC, BOUND, TIMEOUT), "east", "west")) {
            var engine = pg.engine;
            engine.writeProbe("before", "0");
            List<String> acknowledged = new ArrayList<>(List.of("before"));
            List<Long> acknowledgedAt = new ArrayList<>();

            pg.signal("west", "STOP");
            long stoppedAt = System.nanoTime();
            long failedAfterMs = -1;
            SQLException failure = null;
            try (Connection c = pg.connect("east"); PreparedStatement insert = c.prepareStatement(
                    "insert into " + PostgresEngine.PROBE_TABLE + " values (?, 'x')")) {
                for (int i = 0; i < 400 && failure == null; i++) {
                    long start = System.nanoTime();
                    insert.setString(1, "k" + i);
                    try {
                        insert.executeUpdate();
                        acknowledged.add("k" + i);
                        acknowledgedAt.add(System.nanoTime());
                    } catch (SQLException e) {
                        failure = e;
                        failedAfterMs = (System.nanoTime() - start) / 1_000_000;
                    }
                    Thread.sleep(50);
                }
            }
            System.out.println("RPO guard: " + acknowledged.size() + " commits acknowledged, the next failed after " + failedAfterMs + "ms: "
                    + failure + "; " + engine.state("east").detail());
            assertThat((Object) failure).as("a commit fails while no standby is within the bound").isNotNull();
            assertThat(failedAfterMs).as("it waited the guard's timeout first").isBetween(TIMEOUT.toMillis() - 200, TIMEOUT.toMillis() + 2000);
            long lastAckMs = (acknowledgedAt.get(acknowledgedAt.size() - 1) - stoppedAt) / 1_000_000;
            assertThat(lastAckMs).as("no commit is acknowledged asynchronously once the standby lags past the bound")
                    .isLessThan(BOUND.toMillis() + 700);
            assertThat(engine.state("east").detail()).contains("RPO guard: commits wait for a standby");
            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.writeProbe("refused", "x")).isInstanceOf(RpoBoundException.class)
                    .hasMessageContaining("no standby of orders was within the RPO bound (lag_bound 1000ms) for rpo_guard 3000ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 200);

            pg.signal("west", "CONT");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                engine.writeProbe("after", "1");
                return true;
            });
            acknowledged.add("after");
            await().atMost(Duration.ofSeconds(10)).until(() -> engine.state("east").detail().contains("commits do not wait")
                    || engine.state("east").detail().contains("commits no longer wait"));
            await().atMost(Duration.ofSeconds(10)).until(() -> keysOn(pg, "west").containsAll(acknowledged));
            assertThat(keysOn(pg, "west")).as("every acknowledged commit is on the standby").containsAll(acknowledged);
        }
    }

    private static Set<String> keysOn(PgFixture pg, String region) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = pg.connect(region); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select key from " + PostgresEngine.PROBE_TABLE)) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
