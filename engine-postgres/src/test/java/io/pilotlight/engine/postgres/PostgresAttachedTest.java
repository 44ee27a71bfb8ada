package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.Engines;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.ReplicaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attached servers (JDBC URLs, SQL only) on real PostgreSQL 15 servers: state, a switchover that
 * leaves the old primary read-only, and a rejoin that says it needs the host.
 */
class PostgresAttachedTest {

    @Test
    void attachedServersReportStateAndHandOverWhileTheOldPrimaryStaysReadOnly() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            pg.engine.close(); // the managed engine's guard steps back; the attached engine guards the primary from here on
            Thread.sleep(PgFixture.LEASE.toMillis() + 600);
            String store = "attached" + System.nanoTime();
            Path leaseFile = Path.of(System.getProperty("java.io.tmpdir"), "pilotlight", store + ".writer-lease.json");
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put("east", pg.servers.jdbcUrl("east"));
            urls.put("west", pg.servers.jdbcUrl("west").replace("jdbc:postgresql://", "postgresql://"));
            try (DataStoreEngine engine = Engines.open(store, PgFixture.spec("east", List.of("east", "west")), urls, null)) {
                assertThat(engine.writer()).contains("east");
                engine.writeProbe("a", "1");
                PostgresEngineTest.awaitFollowing(pg, "west");
                assertThat(engine.state("west").role()).isEqualTo(ReplicaRole.REPLICA);

                Handover handover = engine.switchover("west", Duration.ofSeconds(10));
                assertThat(handover.summary()).contains("east is attached (not managed) and stays read-only");
                assertThat(engine.writer()).contains("west");
                assertThat(engine.state("east").role()).isEqualTo(ReplicaRole.FENCED);
                try (Connection c = pg.connect("east"); Statement s = c.createStatement()) {
                    assertThatThrownBy(() -> s.execute("insert into " + PostgresEngine.PROBE_TABLE + " values ('b', '2')"))
                            .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
                }
                engine.writeProbe("b", "2");
                assertThat(engine.readBack(List.of("a", "b"))).hasSize(2);
                assertThatThrownBy(() -> engine.rejoin("east")).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("east is an attached server").hasMessageContaining("pg_rewind");
            } finally {
                Files.deleteIfExists(leaseFile);
                Files.deleteIfExists(leaseFile.resolveSibling(leaseFile.getFileName() + ".lock"));
            }
        }
    }
}
