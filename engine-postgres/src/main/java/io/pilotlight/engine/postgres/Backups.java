package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Backup and restore's first half: the primary archives every WAL segment into the backup folder
 * ({@code archive_command}, with {@code archive_timeout} so a quiet server still ships one at least that often), and a
 * base backup is taken next to it. The RPO of a restore is bounded by the archive timeout (plus the time to copy a
 * segment); the interval between base backups bounds only how much WAL a restore replays.
 */
final class Backups {
    /** Base backups kept per store; older ones, and the WAL only they needed, are deleted. */
    static final int KEEP = 3;
    private static final Logger LOG = Logger.getLogger(Backups.class.getName());

    private final PgCluster cluster;
    private final Duration archiveTimeout;

    Backups(PgCluster cluster, Duration archiveTimeout) {
        this.cluster = cluster;
        this.archiveTimeout = archiveTimeout;
    }

    /** Archives {@code region}'s WAL into {@code folder} from now on and takes a base backup there; returns the base backup. */
    Path backup(String region, Path folder) throws EngineException {
        ManagedServer server = managed(region, "backed up");
        BackupFolder backups = new BackupFolder(folder, cluster.name);
        try {
            backups.prepare();
            archiveInto(region, backups);
            Path partial = backups.partial(cluster.clock.instant());
            server.baseBackup(partial);
            Path complete = backups.complete(partial);
            Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
            prune(backups, server);
            LOG.info(region + ": base backup of " + cluster.name + " taken: " + complete);
            return complete;
        } catch (PostgresSetupException | IOException e) {
            throw new EngineException("backing up " + region + "'s server of " + cluster.name + " into " + backups.store() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The primary's archive_command points at the backup folder (a reload: archive_mode is on from the server's creation). */
    private void archiveInto(String region, BackupFolder backups) throws EngineException {
        try (Connection c = cluster.connect(region)) {
            if (!"f".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
                throw new EngineException(region + " is a standby of " + cluster.name + ": back up the primary (" + cluster.lease().holder()
                        + "), whose WAL the archive must hold");
            }
            if (!"on".equals(Sql.text(c, "show archive_mode"))) {
                throw new EngineException(region + "'s server runs with archive_mode off (it was created before Pilotlight archived WAL):"
                        + " add archive_mode = on to " + server(region).data().resolve("postgresql.conf") + " and restart it, then back up again");
            }
            Sql.run(c, "alter system set archive_command = " + Sql.quote(backups.archiveCommand()));
            Sql.run(c, "alter system set archive_timeout = " + Sql.quote(archiveTimeout.toSeconds() + "s"));
            Sql.text(c, "select pg_reload_conf()");
        } catch (SQLException e) {
            throw new EngineException(region + "'s server of " + cluster.name + " does not answer, so it cannot be backed up: " + e.getMessage(), e);
        }
    }

    /** Keeps the newest {@link #KEEP} base backups; deletes older ones and the archived WAL older than the oldest one kept. */
    private void prune(BackupFolder backups, ManagedServer server) {
        List<Path> all = backups.baseBackups();
        if (all.size() <= KEEP) {
            return;
        }
        for (Path old : all.subList(0, all.size() - KEEP)) {
            AsPostgres.run(List.of("rm", "-rf", "--", old.toString()), 300);
        }
        String oldestNeeded = BackupFolder.startSegment(all.get(all.size() - KEEP));
        AsPostgres.run(List.of(server.tool("pg_archivecleanup"), backups.wal().toString(), oldestNeeded), 300);
    }

    private ManagedServer managed(String region, String what) throws EngineException {
        ManagedServer server = cluster.member(region).managed();
        if (server == null) {
            throw new EngineException(region + "'s server of " + cluster.name + " is attached (" + cluster.member(region).where() + "): only a"
                    + " managed server (pgmanaged:) is " + what + " by Pilotlight; use its host's tools (pg_basebackup, archive_command)");
        }
        return server;
    }

    private ManagedServer server(String region) {
        return cluster.member(region).managed();
    }
}
