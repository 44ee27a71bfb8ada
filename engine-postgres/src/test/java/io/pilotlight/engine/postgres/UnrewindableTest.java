package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.ReplicaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A former primary that cannot be rewound (its WAL is gone: a disk replaced, a folder cleaned by hand) is refused with
 * what happened and what to do, and is left as it is; once its data directory is moved aside, rejoin copies it afresh
 * from the writer and it follows as a standby.
 */
class UnrewindableTest {

    @Test
    void aFormerPrimaryWithoutItsWalIsRefusedWithTheFixAndCopiedAfreshOnceMovedAside() throws Exception {
        try (PgFixture pg = new PgFixture("east", "west")) {
            var engine = pg.engine;
            engine.writeProbe("before", "1");
            PostgresEngineTest.awaitFollowing(pg, "west");
            pg.signal("east", "KILL");
            engine.promote("west", Duration.ofSeconds(10), true);
            engine.writeProbe("after", "2");

            Path data = pg.base.resolve("east").resolve("data");
            try (Stream<Path> wal = Files.list(data.resolve("pg_wal"))) {
                for (Path segment : wal.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).toList()) {
                    Files.delete(segment);
                }
            }
            assertThatThrownBy(() -> engine.rejoin("east")).isInstanceOf(EngineException.class)
                    .hasMessageContaining("east")
                    .hasMessageContaining("it was left as it is, not rewound")
                    .hasMessageContaining("move " + data + " aside (mv " + data + " " + data + ".broken) and run rejoin again");
            assertThat(data).as("nothing of it was deleted").isDirectory();

            Files.move(data, data.resolveSibling("data.broken"));
            String rejoined = engine.rejoin("east");
            assertThat(rejoined).contains("copied afresh from west");
            PostgresEngineTest.awaitFollowing(pg, "east");
            assertThat(engine.state("east").role()).isEqualTo(ReplicaRole.REPLICA);
            try (var c = pg.connect("east"); var r = c.createStatement().executeQuery("select key from " + PostgresEngine.PROBE_TABLE + " order by key")) {
                List<String> keys = new java.util.ArrayList<>();
                while (r.next()) {
                    keys.add(r.getString(1));
                }
                assertThat(keys).containsExactly("after", "before");
            }
        }
    }
}
