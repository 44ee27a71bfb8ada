package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A former primary follows the current writer again. Before pg_rewind throws its forked log away, it
 * is started where no client can reach it (a private port, read-only) and its ledger slot is peeked:
 * every transaction it committed past the point where the writer's timeline forked off becomes rows of
 * its lost-transactions ledger. Then it is stopped, rewound from the writer, and started as its
 * standby.
 */
final class Rejoin {
    private static final Logger LOG = Logger.getLogger(Rejoin.class.getName());
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private final PgCluster cluster;
    private final StateProbe probe;

    Rejoin(PgCluster cluster, StateProbe probe) {
        this.cluster = cluster;
        this.probe = probe;
    }

    String rejoin(String region) throws EngineException {
        WriterLease lease = cluster.lease();
        String writer = lease.holder();
        if (writer.isEmpty() || !lease.heldBy(writer, cluster.clock.instant())) {
            throw new EngineException("no region holds the writer lease of " + cluster.name + "; " + region + " has nobody to follow");
        }
        if (writer.equals(region)) {
            return region + " is the writer";
        }
        RegionState writerState = probe.state(writer);
        RegionState state = probe.state(region);
        if (state.role() == ReplicaRole.REPLICA && state.epoch() == writerState.epoch() && state.detail().contains("streaming")) {
            return region + " already follows " + writer + " on timeline " + writerState.epoch();
        }
        ManagedServer server = cluster.member(region).managed();
        if (server == null) {
            throw new UnsupportedOperationException(region + " is an attached server: rejoining needs its data directory; on its host,"
                    + " stop it, run pg_rewind from " + writer + ", add standby.signal and primary_conninfo, and start it");
        }
        cluster.unguard(region);
        if (!Files.exists(server.data())) {
            return copyAfresh(region, server, writer);
        }
        server.stop("fast");
        server.kill();
        List<LostWrite> lost = List.of();
        if (!Files.exists(server.data().resolve("standby.signal")) && Files.isDirectory(server.data().resolve("pg_replslot")
                .resolve(PgCluster.LEDGER_SLOT))) {
            lost = decodeLost(region, server, writer);
        }
        HostPort source = cluster.reach(region, writer);
        try {
            cluster.checkpoint(writer);
            server.rewindFrom(source);
            server.follow(source);
            try (Connection c = cluster.connect(writer)) {
                PgCluster.ensureSlot(c, region);
            }
            server.start();
        } catch (PostgresSetupException | SQLException e) {
            throw new EngineException(region + " could not be rewound to follow " + writer + ": " + e.getMessage() + "; " + startOver(server), e);
        }
        awaitStreaming(region, writer);
        String done = region + " was rewound and follows " + writer + " on timeline " + writerState.epoch() + "; " + lost.size()
                + " rows it had committed past the fork went to its lost-transactions ledger";
        LOG.info(done);
        return done;
    }

    private List<LostWrite> decodeLost(String region, ManagedServer server, String writer) throws EngineException {
        int privatePort = ManagedServer.freePort();
        List<TestDecodingParser.Row> rows = new ArrayList<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        long oldTimeline;
        try {
            server.startPrivately(privatePort);
            try (Connection c = Sql.connect(ManagedServer.jdbcUrl(privatePort), Duration.ofSeconds(30))) {
                oldTimeline = Long.parseLong(Sql.text(c, "select ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int"));
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select lsn::text, xid::text, data from"
                        + " pg_logical_slot_peek_changes('" + PgCluster.LEDGER_SLOT + "', NULL, NULL, 'include-timestamp', 'on')")) {
                    while (r.next()) {
                        rows.add(new TestDecodingParser.Row(Lsn.parse(r.getString(1)), Long.parseLong(r.getString(2)), r.getString(3)));
                    }
                }
                for (DecodedTransaction txn : TestDecodingParser.parse(rows)) {
                    for (DecodedTransaction.Change change : txn.changes()) {
                        keys.computeIfAbsent(change.table(), t -> primaryKey(c, t));
                    }
                }
            }
        } catch (SQLException | PostgresSetupException e) {
            throw new EngineException("cannot decode what " + region + " committed before it is rewound: " + e.getMessage()
                    + "; it was left as it is, not rewound; " + startOver(server), e);
        } finally {
            server.stop("fast");
        }
        long switchPoint = switchPoint(writer, oldTimeline);
        List<LostWrite> lost = Ledger.lost(TestDecodingParser.parse(rows), oldTimeline, switchPoint, keys);
        try {
            Ledger.append(cluster.ledgerFile(region), lost);
        } catch (IOException e) {
            throw new EngineException("cannot write " + region + "'s ledger (" + lost.size() + " lost rows); it was not rewound: "
                    + e.getMessage(), e);
        }
        LOG.warning(region + ": " + lost.size() + " rows committed on timeline " + oldTimeline + " past " + Lsn.text(switchPoint)
                + " are lost (ledger: " + cluster.ledgerFile(region) + ")");
        return lost;
    }

    /** What to do with a server that cannot be rewound: keep its data aside and start it over from the writer. */
    private static String startOver(ManagedServer server) {
        return "to start it over as a fresh standby, move " + server.data() + " aside (mv " + server.data() + " " + server.data()
                + ".broken) and run rejoin again: it is copied afresh from the writer (what it committed past the fork cannot be"
                + " decoded into its ledger then; the moved folder keeps it)";
    }

    /** A region whose data directory is gone (moved aside): a fresh standby of the writer by pg_basebackup. */
    private String copyAfresh(String region, ManagedServer server, String writer) throws EngineException {
        HostPort source = cluster.reach(region, writer);
        try (Connection c = cluster.connect(writer)) {
            server.kill();
            // pg_basebackup creates the region's slot again: the one the writer kept for it holds WAL the copy does not need
            Sql.text(c, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active",
                    ManagedServer.slotName(region));
            server.initStandby(source);
        } catch (PostgresSetupException | SQLException e) {
            throw new EngineException(region + " has no data directory and could not be copied afresh from " + writer + ": " + e.getMessage(), e);
        }
        awaitStreaming(region, writer);
        String done = region + " had no data directory: copied afresh from " + writer + " (pg_basebackup) and follows it as a standby";
        LOG.info(done);
        return done;
    }

    private static List<String> primaryKey(Connection c, String table) {
        List<String> columns = new ArrayList<>();
        try (var s = c.prepareStatement("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey) where i.indrelid = ?::regclass and i.indisprimary"
                + " order by array_position(i.indkey::int2[], a.attnum)")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    columns.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        return columns;
    }

    /** Where the writer's history says {@code oldTimeline} ended: the first LSN the new timeline does not share with it. */
    private long switchPoint(String writer, long oldTimeline) throws EngineException {
        try (Connection c = cluster.connect(writer)) {
            String tli = Sql.text(c, "select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)");
            String history = Sql.text(c, "select pg_read_file('pg_wal/' || ? || '.history')", tli);
            for (String line : history.split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length >= 2 && !parts[0].startsWith("#") && Long.parseLong(parts[0]) == oldTimeline) {
                    return Lsn.parse(parts[1]);
                }
            }
            throw new EngineException(writer + "'s timeline history does not include timeline " + oldTimeline + ":\n" + history);
        } catch (SQLException | NumberFormatException e) {
            throw new EngineException("cannot read " + writer + "'s timeline history: " + e.getMessage(), e);
        }
    }

    private void awaitStreaming(String region, String writer) throws EngineException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            RegionState state = probe.state(region);
            if (state.role() == ReplicaRole.REPLICA && state.detail().contains("streaming")) {
                return;
            }
            Promotion.sleep(Duration.ofMillis(100));
        }
        throw new EngineException(region + " was rewound but does not stream from " + writer + " within " + SETTLE.toSeconds() + "s: "
                + probe.state(region).detail());
    }
}
