package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup folder's layout and its archive command, run by the real shell as PostgreSQL's archiver runs it. */
class BackupFolderTest {

    @Test
    void theArchiveCommandNeverOverwritesADifferentSegmentAndAcceptsTheSameOneAgain(@TempDir Path dir) throws Exception {
        BackupFolder folder = new BackupFolder(dir.resolve("backups"), "ledger");
        Files.createDirectories(folder.wal());
        Path pgWal = Files.createDirectories(dir.resolve("pg_wal"));
        Path segment = Files.writeString(pgWal.resolve("000000010000000000000003"), "segment 3");

        assertThat(archive(folder, segment)).as("first copy").isZero();
        assertThat(folder.wal().resolve("000000010000000000000003")).hasContent("segment 3");
        assertThat(archive(folder, segment)).as("the archiver retrying after a crash: the same file").isZero();

        Files.writeString(segment, "another segment 3");
        assertThat(archive(folder, segment)).as("a different file under an archived name").isNotZero();
        assertThat(folder.wal().resolve("000000010000000000000003")).hasContent("segment 3");
        try (var files = Files.list(folder.wal())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("000000010000000000000003");
        }
    }

    @Test
    void theLatestBackupIsTheNewestCompleteOneNeverOneBeingWritten(@TempDir Path dir) throws Exception {
        BackupFolder folder = new BackupFolder(dir, "ledger");
        assertThat(folder.latest()).isEmpty();
        Path older = Files.createDirectories(folder.complete(folder.partial(Instant.parse("2026-12-05T10:00:00Z"))));
        Path newer = folder.complete(folder.partial(Instant.parse("2026-12-05T11:00:00Z")));
        Files.createDirectories(newer);
        Files.createDirectories(folder.partial(Instant.parse("2026-12-05T12:00:00Z")));
        assertThat(folder.latest()).contains(newer);
        assertThat(folder.baseBackups()).containsExactly(older, newer);
        assertThat(newer.getFileName().toString()).isEqualTo("base-2026-12-05T11-00-00.000Z");
    }

    @Test
    void aBaseBackupsFirstSegmentComesFromItsBackupLabel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("backup_label"), "START WAL LOCATION: 0/4000028 (file 000000020000000000000004)\n"
                + "CHECKPOINT LOCATION: 0/4000060\n");
        assertThat(BackupFolder.startSegment(dir)).isEqualTo("000000020000000000000004");
    }

    @Test
    void aFolderTheArchiveCommandCannotCarryIsRefused() {
        assertThatThrownBy(() -> new BackupFolder(Path.of("/srv/it's"), "ledger")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/srv/it's").hasMessageContaining("choose another folder");
    }

    @Test
    void anArchiveTimeoutThatIsNotAWholeSecondOrMoreIsRefused() {
        DataStore spec = new DataStore(DataStoreKind.BACKUP, "postgres", List.of("east"), null, null, Duration.ofMinutes(15), null, null,
                PgFixture.LEASE, null);
        Map<String, String> endpoints = Map.of("east", "postgresql://127.0.0.1:1/postgres", PostgresEngineFactory.ARCHIVE_TIMEOUT_KEY, "500ms");
        assertThatThrownBy(() -> PostgresEngineFactory.open("ledger", spec, endpoints, Clock.systemUTC(), UnaryOperator.identity()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@archive_timeout \"500ms\" must be at least 1s");
    }

    /** The archive command as PostgreSQL runs it: %p relative to the data folder, %f the segment's name, through /bin/sh. */
    private static int archive(BackupFolder folder, Path segment) throws Exception {
        String command = folder.archiveCommand().replace("%p", "pg_wal/" + segment.getFileName()).replace("%f", segment.getFileName().toString());
        return new ProcessBuilder("/bin/sh", "-c", command).directory(segment.getParent().getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
