package io.pilotlight.engine.postgres;

import io.pilotlight.engine.Capability;
import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.EngineKind;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.Position;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code engine: postgres}: one PostgreSQL 15 server per region, one primary, standbys streaming from
 * it through replication slots. The writer holds a lease ({@link LeaseGuard}); promotions wait for it
 * to lapse; a rejoining former primary's forked transactions go to its ledger before pg_rewind.
 */
final class PostgresEngine implements DataStoreEngine {
    static final String PROBE_TABLE = "pilotlight_probe";

    private final PgCluster cluster;
    private final StateProbe probe;
    private final Promotion promotion;
    private final Switchover switchover;
    private final Rejoin rejoin;
    private final Backups backups;
    private final Restore restore;
    /** Where restoreLatest looks: the folder of this process's last backup, else the one the engine was opened with. */
    private volatile Path backupFolder;

    /**
     * @param backupFolder   where restoreLatest finds backups until a backup names another folder
     * @param archiveTimeout the longest a finished commit waits before its WAL segment is archived (archive_timeout)
     */
    PostgresEngine(PgCluster cluster, Path backupFolder, Duration archiveTimeout) {
        this.cluster = cluster;
        this.probe = new StateProbe(cluster);
        this.promotion = new Promotion(cluster, probe);
        this.switchover = new Switchover(cluster, probe, promotion);
        this.rejoin = new Rejoin(cluster, probe);
        this.backups = new Backups(cluster, archiveTimeout);
        this.restore = new Restore(cluster, probe, promotion);
        this.backupFolder = backupFolder;
        adoptWriter();
    }

    /**
     * Guards the primary that answers when the lease is free or already its own (a fresh cluster, a restart of this
     * process): it takes the lease at the next epoch and keeps its ledger slot. A primary whose lease another region held
     * is left alone: it is fenced and must rejoin.
     */
    void adoptWriter() {
        WriterLease lease = cluster.lease();
        Instant now = cluster.clock.instant();
        if (lease.live(now)) {
            return;
        }
        for (String region : cluster.regions()) {
            if (!cluster.guards(region)) {
                continue;
            }
            if ((lease.holder().isEmpty() || lease.holder().equals(region)) && cluster.answersAsPrimary(region)) {
                try {
                    Instant acquired = cluster.clock.instant();
                    if (cluster.leases.acquire(region, lease.epoch() + 1, cluster.ttl)) {
                        cluster.guard(region, lease.epoch() + 1, acquired);
                        try (Connection c = cluster.connect(region)) {
                            if (Sql.text(c, "select slot_name from pg_replication_slots where slot_name = ?", PgCluster.LEDGER_SLOT) == null) {
                                Sql.text(c, "select pg_create_logical_replication_slot(?, 'test_decoding')", PgCluster.LEDGER_SLOT);
                            }
                            cluster.replicationMode(c, region);
                            Sql.text(c, "select pg_reload_conf()");
                        }
                    }
                } catch (IOException | SQLException e) {
                    // state() will say the region has no writer; promote or retry
                }
                return;
            }
        }
    }

    PgCluster cluster() {
        return cluster;
    }

    @Override
    public String name() {
        return cluster.name;
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public EngineKind kind() {
        return EngineKind.SINGLE_WRITER;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PROMOTE, Capability.SWITCHOVER, Capability.FENCE, Capability.REJOIN, Capability.LOST_WRITES_LEDGER,
                Capability.PROBE_WRITES, Capability.BACKUP, Capability.RESTORE);
    }

    @Override
    public List<String> regions() {
        return cluster.regions();
    }

    @Override
    public RegionState state(String region) {
        return probe.state(region);
    }

    @Override
    public Handover promote(String region, Duration waitForOldLease, boolean acceptDataLoss) throws EngineException {
        return promotion.promote(region, waitForOldLease, acceptDataLoss);
    }

    @Override
    public Handover switchover(String to, Duration timeout) throws EngineException {
        return switchover.switchover(to, timeout);
    }

    @Override
    public String fence(String region) {
        RegionState state = state(region);
        if (state.servesWrites()) {
            return region + " still answers and holds the writer lease: the next step hands over by switchover (RPO 0)";
        }
        if (state.role() == ReplicaRole.FENCED) {
            cluster.fenceNow(cluster.member(region), "asked to fence a primary without the writer lease");
            return region + " answered as a primary without the writer lease: "
                    + (cluster.member(region).managed() != null ? "stopped and marked fenced" : "made read-only, its sessions ended");
        }
        return region + " is not a writer now (" + state.detail() + "); a lost writer's lease (" + cluster.ttl.toMillis()
                + "ms) fences it: its guard stops its server when the lease lapses, and a promotion waits for that";
    }

    @Override
    public String rejoin(String region) throws EngineException {
        return rejoin.rejoin(region);
    }

    @Override
    public List<LostWrite> lostWrites(String region) throws EngineException {
        Path file = cluster.ledgerFile(region);
        try {
            return file == null ? List.of() : Ledger.read(file);
        } catch (IOException e) {
            throw new EngineException("reading " + region + "'s lost-transactions ledger failed: " + e.getMessage(), e);
        }
    }

    /**
     * Archives {@code region}'s WAL into {@code directory/<store>/wal/} from now on and takes a base backup into
     * {@code directory/<store>/base-<UTC time>/}; {@link #restoreLatest} then restores from this folder.
     */
    @Override
    public Path backup(String region, Path directory) throws EngineException {
        Path taken = backups.backup(region, directory);
        backupFolder = directory;
        return taken;
    }

    /** The latest base backup plus every archived WAL segment, into {@code region}'s stopped managed server, which then becomes the writer. */
    @Override
    public String restoreLatest(String region, Duration waitForOldLease) throws EngineException {
        return restore.restoreLatest(region, backupFolder, waitForOldLease);
    }

    /** The folder {@link #restoreLatest} restores from now. */
    Path backupFolder() {
        return backupFolder;
    }

    @Override
    public Position writeProbe(String key, String value) throws EngineException {
        String writer = writer().orElseThrow(() -> new EngineException("no region of " + cluster.name + " is the writer; cannot write " + key));
        try (Connection c = cluster.connect(writer)) {
            Sql.run(c, "create table if not exists " + PROBE_TABLE + " (key text primary key, value text)");
            try (PreparedStatement s = c.prepareStatement("insert into " + PROBE_TABLE + " (key, value) values (?, ?)"
                    + " on conflict (key) do update set value = excluded.value")) {
                s.setString(1, key);
                s.setString(2, value);
                s.executeUpdate();
            }
            String lsn = Sql.text(c, "select pg_current_wal_lsn()::text");
            return Lsn.position(state(writer).epoch(), Lsn.parse(lsn));
        } catch (SQLException e) {
            String rpo = cluster.rpoReason(writer);
            if (cluster.rpoHolding(writer)) {
                throw new RpoBoundException("writing " + key + " through " + writer + " was not acknowledged: no standby of " + cluster.name
                        + " was within the RPO bound (lag_bound " + cluster.rpoBound.toMillis() + "ms) for rpo_guard " + cluster.rpoTimeout.toMillis()
                        + "ms (" + rpo + "); the commit may have been made on " + writer + ": read it back once a standby is within the bound", e);
            }
            throw new EngineException("writing " + key + " through " + writer + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> readBack(Collection<String> keys) throws EngineException {
        String writer = writer().orElseThrow(() -> new EngineException("no region of " + cluster.name + " is the writer; cannot read back"));
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection c = cluster.connect(writer);
             PreparedStatement s = c.prepareStatement("select key, value from " + PROBE_TABLE + " where key = any(?)")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet r = s.executeQuery()) {
                Map<String, String> found = new LinkedHashMap<>();
                while (r.next()) {
                    found.put(r.getString(1), r.getString(2));
                }
                for (String key : keys) {
                    if (found.containsKey(key)) {
                        values.put(key, found.get(key));
                    }
                }
            }
        } catch (SQLException e) {
            throw new EngineException("reading back from " + writer + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    /** Stops the lease guards this engine runs (their servers keep running; their leases lapse unless renewed elsewhere). */
    @Override
    public void close() {
        cluster.close();
    }
}
