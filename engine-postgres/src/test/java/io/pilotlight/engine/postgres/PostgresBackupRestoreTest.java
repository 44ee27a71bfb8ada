package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.Capability;
import io.pilotlight.engine.EngineException;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore on real PostgreSQL 15 servers: east serves and archives its WAL next to its base backups; west has
 * no server until east is lost and the latest backup is restored there.
 */
class PostgresBackupRestoreTest {

    @Test
    void aKilledPrimaryIsRestoredInTheOtherRegionWithEveryRowOfTheArchiveAndTakesWrites() throws Exception {
        Path base = Files.createTempDirectory("pilotlight-pg-backup-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ManagedPostgres servers = null;
        PostgresEngine engine = null;
        try {
            servers = ManagedPostgres.start(base, "east", ManagedPostgres.freePorts(List.of("east")));
            Map<String, String> endpoints = new LinkedHashMap<>(servers.endpoints());
            endpoints.put("west", "pgmanaged:" + base.resolve("west") + "?port=" + ManagedServer.freePort());
            endpoints.put(PostgresEngineFactory.ARCHIVE_TIMEOUT_KEY, "2s");
            engine = PostgresEngineFactory.open("ledger", backupStore(), endpoints, Clock.systemUTC(), UnaryOperator.identity());
            PostgresEngine pg = engine;
            assertThat(pg.capabilities()).contains(Capability.BACKUP, Capability.RESTORE);

            // no backup yet: the error names the folder it looked in
            assertThatThrownBy(() -> pg.restoreLatest("west", Duration.ofSeconds(1))).isInstanceOf(EngineException.class)
                    .hasMessageContaining("no backup of ledger to restore: " + base.resolve("backups").resolve("ledger"))
                    .hasMessageContaining("no complete base backup");

            Path shipped = base.resolve("shipped");
            try (Connection east = DriverManager.getConnection(servers.jdbcUrl("east")); Statement s = east.createStatement()) {
                s.execute("create table payments (id int primary key, amount int)");
                insert(s, 1, 100);
                Path first = pg.backup("east", shipped);
                assertThat(first.getParent()).isEqualTo(shipped.resolve("ledger"));
                assertThat(first.getFileName().toString()).startsWith("base-");
                assertThat(first.resolve("backup_label")).exists();
                assertThat(pg.backupFolder()).isEqualTo(shipped);

                insert(s, 101, 200);
                String switched = text(s, "select pg_switch_wal()::text");
                await().atMost(Duration.ofSeconds(20)).until(() -> archivedPast(east, switched));
                // a quiet server ships its last commits within archive_timeout (2s here), without a switch
                insert(s, 201, 210);
                String last = text(s, "select pg_current_wal_lsn()::text");
                await().atMost(Duration.ofSeconds(20)).until(() -> archivedPast(east, last));
                try (Stream<Path> wal = Files.list(shipped.resolve("ledger").resolve("wal"))) {
                    assertThat(wal.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp")).isNotEmpty();
                }
            }
            ManagedServer east = pg.cluster().member("east").managed();
            assertThatThrownBy(() -> east.restoreFrom(Path.of("/nonexistent"), "false", "now")).isInstanceOf(PostgresSetupException.class)
                    .hasMessageContaining("east's server is still running").hasMessageContaining("stop it first");

            // a leftover data folder in west is moved aside, not deleted
            Path westRoot = base.resolve("west");
            Files.createDirectories(westRoot.resolve("data"));
            Files.writeString(westRoot.resolve("data").resolve("leftover"), "from before");
            AsPostgres.own(westRoot);

            kill(servers.pid("east"));
            long killed = System.nanoTime();
            String restored = pg.restoreLatest("west", Duration.ofSeconds(15));
            System.out.println("restore: " + restored + " (" + (System.nanoTime() - killed) / 1_000_000 + "ms after the kill)");
            assertThat(restored).contains("restored ledger in west from base-").contains("archived WAL up to").contains("west promoted to primary")
                    .contains("moved to " + westRoot.resolve("data.before-restore-"));
            assertThat(pg.writer()).contains("west");
            try (Stream<Path> aside = Files.list(westRoot)) {
                Path old = aside.filter(p -> p.getFileName().toString().startsWith("data.before-restore-")).findFirst().orElseThrow();
                assertThat(old.resolve("leftover")).hasContent("from before");
            }
            try (Connection west = DriverManager.getConnection(pg.cluster().member("west").jdbcUrl()); Statement s = west.createStatement()) {
                Set<Integer> ids = new HashSet<>();
                try (ResultSet r = s.executeQuery("select id from payments")) {
                    while (r.next()) {
                        ids.add(r.getInt(1));
                    }
                }
                for (int id = 1; id <= 210; id++) {
                    assertThat(ids).as("row %d was archived before the kill", id).contains(id);
                }
                s.execute("insert into payments values (1000, 1)");
                assertThat(text(s, "select count(*) from payments where id = 1000")).isEqualTo("1");
                assertThat(text(s, "select count(*) from pg_replication_slots where slot_name = 'pilotlight_ledger'")).isEqualTo("1");
            }

            // the restored primary keeps the archive going: its backups continue in the same folder; the last three are kept
            for (int i = 0; i < 3; i++) {
                pg.backup("west", shipped);
            }
            assertThat(new BackupFolder(shipped, "ledger").baseBackups()).hasSize(Backups.KEEP);
        } finally {
            if (engine != null) {
                engine.close();
                ManagedServer west = engine.cluster().member("west").managed();
                west.kill();
            }
            if (servers != null) {
                servers.close();
            }
            PgFixture.delete(base);
        }
    }

    @Test
    void aBackupFolderThePostgresUserCannotReachIsRefusedWithTheFix() throws Exception {
        if (!AsPostgres.root()) {
            return; // every folder is reachable when the servers run as this user
        }
        try (PgFixture pg = new PgFixture("east")) {
            Path closed = pg.base.resolve("closed");
            Files.createDirectories(closed);
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
            assertThatThrownBy(() -> pg.engine.backup("east", closed.resolve("backups"))).isInstanceOf(EngineException.class)
                    .hasMessageContaining("the postgres user cannot reach " + closed).hasMessageContaining("chmod o+x");
        }
    }

    private static DataStore backupStore() {
        return new DataStore(DataStoreKind.BACKUP, "postgres", List.of("east", "west"), null, null, Duration.ofMinutes(15), null,
                Duration.ofMinutes(45), PgFixture.LEASE, null);
    }

    private static void insert(Statement s, int from, int to) throws Exception {
        for (int id = from; id <= to; id++) {
            s.execute("insert into payments values (" + id + ", " + id * 10 + ")");
        }
    }

    private static String text(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** The archive holds the segment with {@code lsn} (pg_stat_archiver's last segment is at or past it). */
    private static boolean archivedPast(Connection c, String lsn) throws Exception {
        try (Statement s = c.createStatement()) {
            return "t".equals(text(s, "select substr(last_archived_wal, 1, 24) >= pg_walfile_name('" + lsn + "') from pg_stat_archiver"));
        }
    }

    private static void kill(long postmaster) throws Exception {
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        List<Long> pids = Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid).toList();
        for (long pid : pids) {
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        }
    }
}
