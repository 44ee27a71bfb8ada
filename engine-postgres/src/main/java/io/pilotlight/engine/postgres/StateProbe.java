package io.pilotlight.engine.postgres;

import io.pilotlight.engine.Lag;
import io.pilotlight.engine.Position;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * One region's server as {@link RegionState}, from a few short queries: a primary's current LSN and
 * timeline; a standby's receive and replay positions, its WAL receiver and last replayed commit, and
 * its lag in bytes and time against the writer (the writer's LSN and its pg_stat_replication row).
 */
final class StateProbe {
    private final PgCluster cluster;

    StateProbe(PgCluster cluster) {
        this.cluster = cluster;
    }

    RegionState state(String region) {
        Member member = cluster.member(region);
        try (Connection c = cluster.connect(region)) {
            boolean recovery = "t".equals(Sql.text(c, "select pg_is_in_recovery()"));
            return recovery ? standby(region, c) : primary(region, c);
        } catch (SQLException e) {
            String fenced = cluster.fencedBecause(region);
            String why = region + "'s PostgreSQL does not answer at " + member.where() + ": " + e.getMessage();
            if (fenced != null || (member.managed() != null && member.managed().fenced())) {
                why += " (fenced: " + (fenced != null ? fenced : "its writer lease lapsed") + ")";
            }
            return RegionState.unreachable(region, why);
        }
    }

    private RegionState primary(String region, Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_current_wal_lsn()::text,"
                + " ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int,"
                + " current_setting('default_transaction_read_only')")) {
            r.next();
            long lsn = Lsn.parse(r.getString(1));
            int timeline = r.getInt(2);
            boolean readOnly = "on".equals(r.getString(3));
            WriterLease lease = cluster.lease();
            Instant now = cluster.clock.instant();
            boolean leaseValid = lease.heldBy(region, now);
            ReplicaRole role = leaseValid && !readOnly ? ReplicaRole.WRITER : ReplicaRole.FENCED;
            String detail = role == ReplicaRole.WRITER
                    ? "primary on timeline " + timeline + ", holding the writer lease (epoch " + lease.epoch() + ") until " + lease.expires()
                    : "a primary that must not take writes: " + (readOnly ? "read-only (being handed over or fenced)"
                            : lease.holder().isEmpty() ? "nobody holds the writer lease" : "the writer lease is " + (lease.live(now)
                                    ? "held by " + lease.holder() : "lapsed (last held by " + lease.holder() + ")"))
                            + "; rejoin it as a standby";
            String rpo = cluster.rpoReason(region);
            if (rpo != null && !rpo.isEmpty() && role == ReplicaRole.WRITER) {
                detail += "; RPO guard: " + rpo;
            }
            return new RegionState(region, role, timeline, Lsn.position(timeline, lsn), Lag.NONE, leaseValid, null, false,
                    ledgerSize(region), detail);
        }
    }

    private RegionState standby(String region, Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_last_wal_replay_lsn()::text,"
                + " pg_last_wal_receive_lsn()::text,"
                + " coalesce((select received_tli from pg_stat_wal_receiver), (select timeline_id from pg_control_checkpoint())),"
                + " (extract(epoch from pg_last_xact_replay_timestamp()) * 1000)::bigint,"
                + " (select status from pg_stat_wal_receiver),"
                + " (extract(epoch from (select last_msg_receipt_time from pg_stat_wal_receiver)) * 1000)::bigint,"
                + " pg_is_wal_replay_paused()")) {
            r.next();
            long replay = r.getString(1) == null ? 0 : Lsn.parse(r.getString(1));
            long received = r.getString(2) == null ? 0 : Lsn.parse(r.getString(2));
            int timeline = r.getInt(3);
            long replayedCommitMillis = r.getLong(4);
            String receiver = r.getString(5);
            long contactMillis = r.getLong(6);
            boolean paused = r.getBoolean(7);
            Lag lag = lag(region, replay, replayedCommitMillis);
            String detail = "standby on timeline " + timeline + ": " + (receiver == null ? "its WAL receiver is not running (cut off from the primary)"
                    : "WAL receiver " + receiver) + (paused ? ", replay paused" : "") + ", replayed " + Lsn.text(replay);
            Instant contact = contactMillis > 0 ? Instant.ofEpochMilli(contactMillis) : null;
            return new RegionState(region, ReplicaRole.REPLICA, timeline, Lsn.position(timeline, Math.max(replay, received)), lag, false,
                    contact, true, ledgerSize(region), detail);
        }
    }

    /** Bytes: the writer's current LSN minus this standby's replay LSN; time: the writer's replay_lag, or the age of the last replayed commit. */
    private Lag lag(String region, long replay, long replayedCommitMillis) {
        Optional<String> writer = writerRegion();
        if (writer.isEmpty()) {
            return Lag.UNKNOWN;
        }
        try (Connection c = cluster.connect(writer.get()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_current_wal_lsn()::text, (select (extract(epoch from replay_lag) * 1000)::bigint"
                     + " from pg_stat_replication where application_name = " + Sql.quote(region) + " limit 1)")) {
            r.next();
            long bytes = Math.max(0, Lsn.parse(r.getString(1)) - replay);
            long replayLag = r.getLong(2);
            boolean replayLagKnown = !r.wasNull();
            long millis = bytes == 0 ? 0 : replayLagKnown ? replayLag
                    : replayedCommitMillis > 0 ? Math.max(0, cluster.clock.millis() - replayedCommitMillis) : -1;
            return new Lag(bytes, millis);
        } catch (SQLException e) {
            return Lag.UNKNOWN;
        }
    }

    private Optional<String> writerRegion() {
        WriterLease lease = cluster.lease();
        return lease.holder().isEmpty() || !cluster.members.containsKey(lease.holder()) ? Optional.empty() : Optional.of(lease.holder());
    }

    private int ledgerSize(String region) {
        Path file = cluster.ledgerFile(region);
        try {
            return file == null ? 0 : Ledger.read(file).size();
        } catch (IOException e) {
            return 0;
        }
    }
}
