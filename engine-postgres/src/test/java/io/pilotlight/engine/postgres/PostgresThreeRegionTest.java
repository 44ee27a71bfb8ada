package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.Handover;
import io.pilotlight.engine.WouldLoseWritesException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three regions on real PostgreSQL 15 servers: only the most advanced standby is promoted, and the other one follows it. */
class PostgresThreeRegionTest {

    @Test
    void theMostAdvancedStandbyIsPromotedAndTheOtherFollowsItOnTheNewTimeline() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west", "north")) {
            var engine = pg.engine;
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                engine.writeProbe("k" + i, "v" + i);
                keys.add("k" + i);
            }
            PostgresEngineTest.awaitFollowing(pg, "west");
            PostgresEngineTest.awaitFollowing(pg, "north");
            try (Connection c = pg.connect("north"); Statement s = c.createStatement()) {
                s.execute("alter system set primary_conninfo = ''");
                s.execute("select pg_reload_conf()");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !engine.state("north").detail().contains("streaming"));
            for (int i = 10; i < 20; i++) {
                engine.writeProbe("k" + i, "v" + i);
                keys.add("k" + i);
            }
            PostgresEngineTest.awaitFollowing(pg, "west");

            pg.signal("east", "KILL");
            assertThatThrownBy(() -> engine.promote("north", Duration.ofSeconds(10), false)).isInstanceOf(WouldLoseWritesException.class)
                    .hasMessageContaining("west has received more of the old primary's log").hasMessageContaining("promote west");
            Handover handover = engine.promote("west", Duration.ofSeconds(10), false);
            assertThat(handover.region()).isEqualTo("west");
            assertThat(engine.readBack(keys)).hasSize(20);

            // north was repointed at west and catches up on timeline 2
            PostgresEngineTest.awaitFollowing(pg, "north");
            assertThat(engine.state("north").epoch()).isEqualTo(2);
            engine.writeProbe("after", "1");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(pg, "north") == 21);

            assertThat(engine.rejoin("east")).contains("0 rows");
            assertThat(engine.lostWrites("east")).isEmpty();
            PostgresEngineTest.awaitFollowing(pg, "east");
            assertThat(count(pg, "east")).isEqualTo(21);
        }
    }

    private static int count(PgFixture pg, String region) throws Exception {
        try (Connection c = pg.connect(region); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from " + PostgresEngine.PROBE_TABLE)) {
            r.next();
            return r.getInt(1);
        }
    }
}
