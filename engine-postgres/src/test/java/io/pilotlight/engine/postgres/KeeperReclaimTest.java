package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.coord.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A writer whose own guard fenced it because etcd did not answer for a lease (etcd down, or an etcd election after a
 * partition healed) comes back by itself once etcd answers and nobody was promoted meanwhile: its keeper takes the lease
 * at the next epoch, then starts its server as the writer. Found by the three-host agent test, where the heal's etcd
 * election fenced the new writer and left both regions' servers stopped.
 */
class KeeperReclaimTest {

    @Test
    void aWriterFencedWhileEtcdWasGoneTakesItsLeaseBackWhenNobodyElseDid() throws Exception {
        Path base = Files.createTempDirectory("pilotlight-pg-reclaim-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> log = new CopyOnWriteArrayList<>();
        int port = ManagedServer.freePort();
        try (EtcdProcess etcd = EtcdProcess.start(base.resolve("etcd"))) {
            Map<String, String> endpoints = Map.of("east", "pgmanaged:" + base.resolve("east") + "?port=" + port,
                    PostgresEngineFactory.LEASE_KEY, etcd.target("/pilotlight/orders").toString());
            try (PostgresRegionKeeper keeper = PostgresRegionKeeper.start("orders", PgFixture.spec("east", List.of("east")), endpoints,
                    "east", "east", log::add)) {
                try (var lease = new io.pilotlight.store.coord.EtcdCoordinator(etcd.target("/pilotlight/orders"))) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> primaryAnswers(port)
                            && "east".equals(lease.current().holder()) && lease.current().live());
                    assertThat(lease.current().epoch()).isEqualTo(1);
                }
                Thread.sleep(1_000); // its guard renews
                etcd.stop();
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(base.resolve("east").resolve(ManagedServer.FENCED_MARKER)));
                assertThat(primaryAnswers(port)).as("fenced: its server is stopped while it cannot renew").isFalse();

                etcd.start();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> primaryAnswers(port));
                assertThat(log).as(String.join("\n", log)).anyMatch(l -> l.contains("east: took its lapsed writer lease back at epoch 2"));
                try (Connection c = Sql.connect(ManagedServer.jdbcUrl(port), Duration.ofSeconds(5))) {
                    Sql.run(c, "create table after_reclaim (k text primary key)");
                    Sql.run(c, "insert into after_reclaim values ('written')");
                }
                assertThat(Files.exists(base.resolve("east").resolve(ManagedServer.FENCED_MARKER))).isFalse();
                assertThat(keeper).isNotNull();
            }
        } finally {
            PgFixture.delete(base);
        }
    }

    private static boolean primaryAnswers(int port) {
        try (Connection c = Sql.connect(ManagedServer.jdbcUrl(port), Duration.ofSeconds(2))) {
            return "f".equals(Sql.text(c, "select pg_is_in_recovery()"));
        } catch (Exception e) {
            return false;
        }
    }
}
