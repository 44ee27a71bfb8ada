package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Planned hand-over, RPO 0: the old primary stops taking writes (read-only by default, its client
 * sessions ended), the target replays up to the old primary's last LSN, the lease passes to it, it is
 * promoted; then the old primary, stopped cleanly, is rewound if it must be and follows the new one.
 * The write gap runs from the moment writes stopped until the new primary takes them.
 */
final class Switchover {
    private static final Logger LOG = Logger.getLogger(Switchover.class.getName());
    private final PgCluster cluster;
    private final StateProbe probe;
    private final Promotion promotion;

    Switchover(PgCluster cluster, StateProbe probe, Promotion promotion) {
        this.cluster = cluster;
        this.probe = probe;
        this.promotion = promotion;
    }

    Handover switchover(String to, Duration timeout) throws EngineException {
        WriterLease lease = cluster.lease();
        String from = lease.holder();
        if (from.isEmpty() || !lease.heldBy(from, cluster.clock.instant())) {
            throw new EngineException("no region holds the writer lease of " + cluster.name + "; a switchover needs a live writer"
                    + " (after a failure, promote instead)");
        }
        if (from.equals(to)) {
            return new Handover(to, probe.state(to).epoch(), Duration.ZERO, to + " is already the writer");
        }
        RegionState target = probe.state(to);
        if (target.role() != ReplicaRole.REPLICA) {
            throw new EngineException("cannot switch over to " + to + ": " + target.detail());
        }
        Instant stopped = cluster.clock.instant();
        long lastLsn = stopWrites(from);
        awaitReplay(from, to, lastLsn, stopped.plus(timeout));
        long epoch = lease.epoch() + 1;
        Instant acquired = cluster.clock.instant();
        cluster.stopRenewing(from); // renewed within the last quarter lease: still valid for the transfer
        try {
            if (!cluster.leases.transfer(from, to, epoch, cluster.ttl)) {
                regard(from, lease.epoch());
                resumeWrites(from);
                throw new EngineException(from + " no longer held the writer lease when handing it to " + to + "; writes resumed on " + from);
            }
        } catch (IOException e) {
            regard(from, lease.epoch());
            resumeWrites(from);
            throw new EngineException("the writer lease cannot be handed to " + to + ": " + e.getMessage() + "; writes resumed on " + from, e);
        }
        cluster.unguard(from);
        // sync mode: the new primary's commits wait for a standby, so the old primary must follow it again quickly: it stops
        // cleanly first (its last WAL, the shutdown checkpoint, reaches the target) and then follows without pg_rewind
        boolean cleanFirst = cluster.sync && cluster.member(from).managed() != null && stopCleanly(from, to, stopped.plus(timeout));
        promotion.pgPromote(to, epoch, acquired);
        Duration gap = Duration.between(stopped, cluster.clock.instant());
        int timeline = promotion.prepare(to);
        String demoted = cleanFirst ? follow(from, to) : demote(from, to);
        if (cluster.sync) {
            // in sync mode a commit on the new primary returns only once a standby streams from it
            gap = Duration.between(stopped, awaitSynchronousStandby(to, stopped.plus(timeout).plus(Duration.ofSeconds(60))));
        }
        String summary = "switchover " + from + " -> " + to + ": " + to + " replayed " + Lsn.text(lastLsn) + " and took writes on timeline "
                + timeline + " after a " + gap.toMillis() + "ms write gap" + (cluster.sync ? " (sync mode: until a standby followed it)" : "")
                + "; " + demoted;
        LOG.info(summary);
        return new Handover(to, timeline, gap, summary);
    }

    /** Read-only for every new session, the reload seen by a new session, every client session ended; returns the last LSN. */
    private long stopWrites(String from) throws EngineException {
        try (Connection c = cluster.connect(from)) {
            PgCluster.readOnly(c);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (true) {
                try (Connection fresh = cluster.connect(from)) {
                    if ("on".equals(Sql.text(fresh, "show default_transaction_read_only"))) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new EngineException(from + " did not turn read-only within 5s");
                }
                Promotion.sleep(Duration.ofMillis(5));
            }
            // sessions that began before the reload still had read-write defaults: end them again
            Sql.text(c, "select count(pg_terminate_backend(pid)) from pg_stat_activity where backend_type = 'client backend'"
                    + " and pid <> pg_backend_pid()");
            return Lsn.parse(Sql.text(c, "select pg_current_wal_lsn()::text"));
        } catch (SQLException e) {
            throw new EngineException("cannot stop writes on " + from + ": " + e.getMessage() + " (if it is down, promote instead)", e);
        }
    }

    private void awaitReplay(String from, String to, long lsn, Instant deadline) throws EngineException {
        while (true) {
            try (Connection c = cluster.connect(to)) {
                String replayed = Sql.text(c, "select pg_last_wal_replay_lsn()::text");
                if (replayed != null && Lsn.parse(replayed) >= lsn) {
                    return;
                }
            } catch (SQLException e) {
                // retried until the deadline
            }
            if (cluster.clock.instant().isAfter(deadline)) {
                resumeWrites(from);
                throw new EngineException(to + " did not replay " + from + "'s last LSN " + Lsn.text(lsn) + " in time; nothing changed,"
                        + " writes resumed on " + from);
            }
            Promotion.sleep(Duration.ofMillis(5));
        }
    }

    /** Stops the old primary cleanly and waits until the target received its shutdown checkpoint; false when it did not. */
    private boolean stopCleanly(String from, String to, Instant deadline) throws EngineException {
        ManagedServer old = cluster.member(from).managed();
        try {
            old.stop("fast");
            long checkpoint = old.latestCheckpoint();
            while (cluster.clock.instant().isBefore(deadline)) {
                try (Connection c = cluster.connect(to)) {
                    String received = Sql.text(c, "select pg_last_wal_receive_lsn()::text");
                    if (received != null && Lsn.parse(received) > checkpoint) {
                        return true;
                    }
                } catch (SQLException e) {
                    // retried until the deadline
                }
                Promotion.sleep(Duration.ofMillis(5));
            }
            return false;
        } catch (PostgresSetupException e) {
            LOG.warning("stopping " + from + " cleanly failed (" + e.getMessage() + "); it will be rewound instead");
            return false;
        }
    }

    /** The cleanly stopped old primary (its log a prefix of the new timeline) follows the new one without pg_rewind. */
    private String follow(String from, String to) throws EngineException {
        ManagedServer old = cluster.member(from).managed();
        try {
            old.follow(cluster.reach(from, to));
            old.start();
            return from + " stopped cleanly and follows " + to + " as a standby";
        } catch (PostgresSetupException e) {
            throw new EngineException(to + " is the writer, but " + from + " could not be made its standby: " + e.getMessage()
                    + "; run rejoin " + from, e);
        }
    }

    /** When the first synchronous (or quorum) standby streams from {@code to}. */
    private Instant awaitSynchronousStandby(String to, Instant deadline) throws EngineException {
        while (true) {
            try (Connection c = cluster.connect(to)) {
                if (Sql.text(c, "select 1 from pg_stat_replication where state = 'streaming' and sync_state in ('sync', 'quorum') limit 1")
                        != null) {
                    return cluster.clock.instant();
                }
            } catch (SQLException e) {
                // retried until the deadline
            }
            if (cluster.clock.instant().isAfter(deadline)) {
                throw new EngineException(to + " is the writer, but no standby streams from it synchronously: in sync mode its commits wait");
            }
            Promotion.sleep(Duration.ofMillis(20));
        }
    }

    /** The hand-over did not happen: {@code from}'s guard holds its lease again, from its last renewal (or fences it). */
    private void regard(String from, long epoch) {
        WriterLease now = cluster.lease();
        Instant renewed = now.holder().equals(from) ? now.expires().minus(cluster.ttl) : cluster.clock.instant().minus(cluster.ttl);
        cluster.guard(from, epoch, renewed);
    }

    private void resumeWrites(String from) {
        try (Connection c = cluster.connect(from)) {
            Sql.run(c, "alter system reset default_transaction_read_only");
            Sql.text(c, "select pg_reload_conf()");
        } catch (SQLException e) {
            LOG.warning("could not make " + from + " writable again: " + e.getMessage());
        }
    }

    /** The old primary follows the new one: stopped cleanly, rewound (a no-op when its log did not fork), a standby again. */
    private String demote(String from, String to) throws EngineException {
        Member old = cluster.member(from);
        if (old.managed() == null) {
            return from + " is attached (not managed) and stays read-only: make it a standby of " + to + " on its host";
        }
        try {
            old.managed().stop("fast");
            cluster.checkpoint(to);
            old.managed().rewindFrom(cluster.reach(from, to));
            old.managed().follow(cluster.reach(from, to));
            old.managed().start();
            return from + " follows " + to + " as a standby";
        } catch (PostgresSetupException | SQLException e) {
            throw new EngineException(to + " is the writer, but " + from + " could not be made its standby: " + e.getMessage()
                    + "; run rejoin " + from, e);
        }
    }
}
