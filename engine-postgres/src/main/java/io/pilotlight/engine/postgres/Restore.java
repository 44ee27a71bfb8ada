package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.ReplicaRole;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/**
 * Backup and restore's second half: a region's managed server is rebuilt from the latest complete base backup and
 * replays every WAL segment the archive holds (point in time: as far as the archive reaches), then becomes the writer
 * the way a failover's standby does (after the old writer's lease lapsed, under the lease, with the ledger slot).
 *
 * <p>It replays as a standby without a primary (standby.signal and restore_command), not with recovery.signal: a
 * server in archive recovery promotes itself at the archive's end, which would take writes before it holds the writer
 * lease. As a standby it waits for more WAL, and {@link Promotion} promotes it once the lease is its own.
 */
final class Restore {
    /** How long replaying the archive may take before the restore gives up (the server keeps replaying). */
    static final Duration REPLAY_LIMIT = Duration.ofMinutes(30);
    /** The archive is exhausted when the startup process waits for WAL and its replay position stays put this long. */
    private static final Duration SETTLED = Duration.ofMillis(1500);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(Restore.class.getName());

    private final PgCluster cluster;
    private final StateProbe probe;
    private final Promotion promotion;

    Restore(PgCluster cluster, StateProbe probe, Promotion promotion) {
        this.cluster = cluster;
        this.probe = probe;
        this.promotion = promotion;
    }

    String restoreLatest(String region, Path folder, Duration waitForOldLease) throws EngineException {
        if (probe.state(region).role() == ReplicaRole.WRITER) {
            return region + " already serves " + cluster.name + " as the writer";
        }
        ManagedServer server = cluster.member(region).managed();
        if (server == null) {
            throw new EngineException(region + "'s server of " + cluster.name + " is attached (" + cluster.member(region).where() + "):"
                    + " only a managed server (pgmanaged:) is restored by Pilotlight; restore it with its host's tools");
        }
        BackupFolder backups = new BackupFolder(folder, cluster.name);
        Path base = backups.latest().orElseThrow(() -> new EngineException("no backup of " + cluster.name + " to restore: " + backups.store()
                + " holds no complete base backup (base-*); take one first (backup of the writer region)"));
        Instant started = cluster.clock.instant();
        Path aside;
        try {
            AsPostgres.requireReachable(backups.wal());
            aside = server.restoreFrom(base, backups.restoreCommand(), STAMP.format(started));
            server.start();
        } catch (PostgresSetupException e) {
            throw new EngineException("restoring " + base.getFileName() + " of " + cluster.name + " into " + region + " failed: "
                    + e.getMessage(), e);
        }
        Replayed replayed = awaitArchiveReplayed(region, started.plus(REPLAY_LIMIT));
        Handover handover;
        try {
            handover = promotion.promote(region, waitForOldLease, true);
        } catch (EngineException e) {
            throw new EngineException(region + " replayed " + base.getFileName() + " and the archive up to " + replayed.lsn() + " and waits as a"
                    + " standby, not promoted: " + e.getMessage(), e);
        }
        Duration took = Duration.between(started, cluster.clock.instant());
        String summary = "restored " + cluster.name + " in " + region + " from " + base.getFileName() + " plus the archived WAL up to "
                + replayed.lsn() + (replayed.lastCommit() == null ? "" : " (last commit " + replayed.lastCommit() + ")") + " in "
                + took.toMillis() + "ms; " + handover.summary() + (aside == null ? "" : "; the old data folder was moved to " + aside);
        LOG.info(summary);
        return summary;
    }

    /** What replay reached: the LSN and the commit time of the last transaction replayed (null when none was). */
    record Replayed(String lsn, String lastCommit) {
    }

    /** Waits until the server replayed every segment the archive holds: it waits for more and its position stays put. */
    private Replayed awaitArchiveReplayed(String region, Instant deadline) throws EngineException {
        String lastLsn = null;
        Instant since = cluster.clock.instant();
        while (true) {
            try (Connection c = cluster.connect(region)) {
                String lsn = Sql.text(c, "select pg_last_wal_replay_lsn()::text");
                boolean waiting = "RecoveryRetrieveRetryInterval".equals(Sql.text(c,
                        "select wait_event from pg_stat_activity where backend_type = 'startup'"));
                Instant now = cluster.clock.instant();
                if (lsn == null || !lsn.equals(lastLsn) || !waiting) {
                    lastLsn = lsn;
                    since = now;
                } else if (Duration.between(since, now).compareTo(SETTLED) >= 0) {
                    return new Replayed(lsn, Sql.text(c, "select pg_last_xact_replay_timestamp()::text"));
                }
            } catch (SQLException e) {
                // still starting up; the deadline bounds the wait
            }
            if (cluster.clock.instant().isAfter(deadline)) {
                throw new EngineException(region + " is still replaying the archived WAL of " + cluster.name + " after "
                        + REPLAY_LIMIT.toMinutes() + " minutes (at " + lastLsn + "); it keeps replaying: promote it once it has caught up (its server log shows each restored segment)");
            }
            Promotion.sleep(Duration.ofMillis(250));
        }
    }
}
