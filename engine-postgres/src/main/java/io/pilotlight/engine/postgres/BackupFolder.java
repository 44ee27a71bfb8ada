package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One data store's backups in a backup folder: {@code <folder>/<store>/base-<UTC time>/} (plain base backups, each
 * complete once it has that name; {@code .partial-base-...} while pg_basebackup writes it) and {@code <folder>/<store>/wal/}
 * (every WAL segment the primary archived, written under a temporary name and renamed, never overwritten by a different
 * file). A base backup plus the WAL archived after it restores up to the last archived segment.
 */
final class BackupFolder {
    static final String BASE_PREFIX = "base-";
    private static final String PARTIAL_PREFIX = ".partial-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path store;

    BackupFolder(Path folder, String storeName) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (absolute.toString().matches(".*['%\\n\\\\].*")) {
            throw new IllegalArgumentException("the backup folder " + absolute + " holds a quote, % or backslash, which PostgreSQL's"
                    + " archive_command cannot carry safely: choose another folder");
        }
        this.store = absolute.resolve(storeName);
    }

    Path store() {
        return store;
    }

    Path wal() {
        return store.resolve("wal");
    }

    /**
     * The shell command PostgreSQL runs for each WAL segment: a segment already archived is accepted only when it is the
     * same file (an archiver retrying after a crash); a different one is refused, so an archive is never overwritten.
     */
    String archiveCommand() {
        String target = "'" + wal() + "'/%f";
        return "if test ! -f " + target + "; then cp %p " + target + ".tmp && mv " + target + ".tmp " + target
                + "; else cmp -s %p " + target + "; fi";
    }

    /** The restore_command of a server restored from this folder: every segment comes from the archive. */
    String restoreCommand() {
        return "cp '" + wal() + "'/%f %p";
    }

    /** Creates the store's folder and its WAL folder, owned by the postgres user (pg_basebackup and the archiver write there). */
    void prepare() {
        AsPostgres.requireReachable(store);
        try {
            Files.createDirectories(wal());
        } catch (IOException e) {
            throw new PostgresSetupException("cannot create the backup folder " + wal() + ": " + e.getMessage(), e);
        }
        AsPostgres.own(store);
    }

    /** Where a base backup taken at {@code now} is written, before it is complete. */
    Path partial(Instant now) {
        return store.resolve(PARTIAL_PREFIX + BASE_PREFIX + STAMP.format(now));
    }

    /** The complete name of a partial base backup. */
    Path complete(Path partial) {
        return store.resolve(partial.getFileName().toString().substring(PARTIAL_PREFIX.length()));
    }

    /** Complete base backups, oldest first (their names sort by time). */
    List<Path> baseBackups() {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(store)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(BASE_PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new PostgresSetupException("cannot list the backups in " + store + ": " + e.getMessage(), e);
        }
    }

    Optional<Path> latest() {
        List<Path> all = baseBackups();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The first WAL segment a base backup needs (its backup_label's START WAL LOCATION file). */
    static String startSegment(Path base) {
        try {
            for (String line : Files.readAllLines(base.resolve("backup_label"))) {
                if (line.startsWith("START WAL LOCATION:") && line.contains("(file ")) {
                    return line.substring(line.indexOf("(file ") + 6, line.indexOf(')', line.indexOf("(file ")));
                }
            }
        } catch (IOException e) {
            throw new PostgresSetupException("cannot read the backup_label of " + base + ": " + e.getMessage(), e);
        }
        throw new PostgresSetupException(base + "/backup_label names no START WAL LOCATION: it is not a base backup");
    }
}
