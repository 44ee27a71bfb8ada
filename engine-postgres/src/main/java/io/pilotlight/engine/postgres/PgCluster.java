package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What the PostgreSQL engine's operations share: the regions' servers, the writer lease and the guards
 * holding it, the clock, and the steps every new primary takes (slots, the ledger slot, the other
 * standbys repointed).
 */
final class PgCluster implements AutoCloseable {
    static final String LEDGER_SLOT = "pilotlight_ledger";
    static final Duration PROBE = Duration.ofMillis(1500);
    private static final Logger LOG = Logger.getLogger(PgCluster.class.getName());

    final String name;
    final Duration ttl;
    final Clock clock;
    final LeaseStore leases;
    final Map<String, Member> members;
    /** Sync mode: a commit is acknowledged once one other region's standby has it (synchronous_standby_names = ANY 1). */
    final boolean sync;
    /** The RPO guard's lag bound and commit timeout (replication.lag_bound and rpo_guard); null when not enforced. */
    final Duration rpoBound;
    final Duration rpoTimeout;
    private final Map<String, LeaseGuard> guards = new ConcurrentHashMap<>();
    private final Map<String, RpoGuard> rpoGuards = new ConcurrentHashMap<>();
    /** Regions being promoted: their guard renews while the server answers at all (it is still in recovery). */
    private final java.util.Set<String> promoting = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> checks = new ConcurrentHashMap<>();
    /** The regions whose lease this process holds and whose server it fences; null: every region (one process runs it all). */
    private volatile java.util.Set<String> guarded;

    PgCluster(String name, Duration ttl, Clock clock, LeaseStore leases, Map<String, Member> members, boolean sync) {
        this(name, ttl, clock, leases, members, sync, null, null);
    }

    PgCluster(String name, Duration ttl, Clock clock, LeaseStore leases, Map<String, Member> members, boolean sync, Duration rpoBound,
              Duration rpoTimeout) {
        this.name = name;
        this.rpoBound = rpoBound;
        this.rpoTimeout = rpoTimeout;
        this.sync = sync;
        this.ttl = ttl;
        this.clock = clock;
        this.leases = leases;
        this.members = new LinkedHashMap<>(members);
    }

    Member member(String region) {
        Member member = members.get(region);
        if (member == null) {
            throw new IllegalArgumentException("\"" + region + "\" is not a region of data store " + name + "; regions: " + members.keySet());
        }
        return member;
    }

    Connection connect(String region) throws SQLException {
        return Sql.connect(jdbcUrl(region), PROBE);
    }

    /**
     * How this process reaches {@code region}'s server: a keeper of one region sees the others through that region's links
     * (so a partition hides them from it, as it would across real regions); everyone else directly.
     */
    String jdbcUrl(String region) {
        java.util.Set<String> mine = guarded;
        if (mine != null && mine.size() == 1 && !mine.contains(region)) {
            Member self = member(mine.iterator().next());
            if (self.via().containsKey(region)) {
                HostPort link = self.via().get(region);
                return ManagedServer.jdbcUrl(link.host(), link.port());
            }
        }
        return member(region).jdbcUrl();
    }

    /**
     * This process holds the writer lease and fences the server of these regions only (a region's keeper: one region; an
     * observer such as a controller that promotes while keepers guard: none).
     */
    void guardOnly(java.util.Set<String> regions) {
        this.guarded = java.util.Set.copyOf(regions);
    }

    boolean guards(String region) {
        java.util.Set<String> mine = guarded;
        return mine == null || mine.contains(region);
    }


    WriterLease lease() {
        try {
            return leases.current();
        } catch (IOException e) {
            return WriterLease.NONE;
        }
    }

    /** True when the region's server answers and is not in recovery. */
    boolean answersAsPrimary(String region) {
        try (Connection c = connect(region)) {
            return "f".equals(Sql.text(c, "select pg_is_in_recovery()"));
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The guard's check: the server answers as a primary. Every few checks it also moves the ledger slot up to the least
     * position every standby's physical slot has flushed: what every standby holds can never be lost by a failover, so the
     * slot need not keep its WAL (a disconnected standby's slot stays where it was, and so does the ledger's).
     */
    private boolean answersAsPrimaryAdvancingLedger(String region) {
        try (Connection c = connect(region)) {
            if (!"f".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
                return false;
            }
            if (checks.merge(region, 1, Integer::sum) % 8 == 0) {
                try {
                    Sql.text(c, "select pg_replication_slot_advance(?, m) from (select min(restart_lsn) as m from pg_replication_slots"
                            + " where slot_type = 'physical') s, pg_replication_slots l where l.slot_name = ? and m > l.confirmed_flush_lsn",
                            LEDGER_SLOT, LEDGER_SLOT);
                } catch (SQLException e) {
                    LOG.fine(region + ": the ledger slot was not advanced: " + e.getMessage());
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    boolean answers(String region) {
        try (Connection c = connect(region)) {
            return Sql.text(c, "select 1") != null;
        } catch (SQLException e) {
            return false;
        }
    }

    void promoting(String region, boolean on) {
        if (on) {
            promoting.add(region);
        } else {
            promoting.remove(region);
        }
    }

    /** Starts holding the lease {@code region} acquired at {@code epoch}: its guard renews it and fences the server when it cannot. */
    void guard(String region, long epoch, Instant acquiredAt) {
        unguard(region);
        if (!guards(region)) {
            return; // its keeper takes the lease up once it sees it (PostgresRegionKeeper)
        }
        Member member = member(region);
        LeaseGuard guard = new LeaseGuard(region, epoch, acquiredAt, leases, ttl, clock,
                () -> promoting.contains(region) ? answers(region) : answersAsPrimaryAdvancingLedger(region),
                why -> fenceUnlessHandedOver(member, epoch, why));
        guards.put(region, guard);
        if (rpoBound != null && !sync) {
            rpoGuards.put(region, new RpoGuard(this, region, rpoBound, rpoTimeout, clock));
        }
    }

    /** The region's guard stops renewing and will not fence, at once (its thread ends by itself; {@link #unguard} later). */
    void stopRenewing(String region) {
        LeaseGuard guard = guards.get(region);
        if (guard != null) {
            guard.stopRenewing();
        }
        RpoGuard rpo = rpoGuards.remove(region);
        if (rpo != null) {
            rpo.close();
        }
    }

    void unguard(String region) {
        LeaseGuard old = guards.remove(region);
        if (old != null) {
            old.close();
        }
        RpoGuard rpo = rpoGuards.remove(region);
        if (rpo != null) {
            rpo.close();
        }
    }

    /**
     * The guard's fence. A lease that passed to another region at a higher epoch while this one still held it was handed
     * over: the coordinator gives a held lease to nobody else, and a switchover hands it over only after making this
     * server read-only. The switchover then turns the server into a standby (stopping it on the way), so it is left to
     * that rather than killed under it, unless it answers as a writable primary again.
     */
    private void fenceUnlessHandedOver(Member member, long epoch, String why) {
        try {
            WriterLease now = leases.current();
            boolean handedOver = !now.holder().equals(member.region()) && now.epoch() > epoch && now.live(clock.instant());
            if (handedOver && !answersAsWritablePrimary(member.region())) {
                LOG.info(member.region() + ": the writer lease passed to " + now.holder() + " (epoch " + now.epoch() + ") by a hand-over;"
                        + " its server, taking no writes, is left to the switchover");
                return;
            }
        } catch (IOException e) {
            // the lease store cannot say: fence
        }
        fenceNow(member, why);
    }

    private boolean answersAsWritablePrimary(String region) {
        try (Connection c = connect(region)) {
            return "f".equals(Sql.text(c, "select pg_is_in_recovery()")) && "off".equals(Sql.text(c, "show default_transaction_read_only"));
        } catch (SQLException e) {
            return false;
        }
    }

    /** A guard holds {@code region}'s lease now (it has not fenced). */
    boolean guarding(String region) {
        LeaseGuard guard = guards.get(region);
        return guard != null && guard.fencedBecause() == null && guard.running();
    }

    String fencedBecause(String region) {
        LeaseGuard guard = guards.get(region);
        return guard == null ? null : guard.fencedBecause();
    }

    /**
     * Stops a primary taking writes: a managed server is killed and marked (it never starts as a primary on its own); an
     * attached one is made read-only and its sessions are ended.
     */
    void fenceNow(Member member, String why) {
        if (member.managed() != null) {
            member.managed().fence();
            LOG.warning(member.region() + ": fenced (server stopped): " + why);
            return;
        }
        try (Connection c = Sql.connect(member.jdbcUrl(), PROBE)) {
            readOnly(c);
            LOG.warning(member.region() + ": fenced (read-only, sessions ended): " + why);
        } catch (SQLException e) {
            LOG.warning(member.region() + ": could not reach the server to fence it (" + e.getMessage() + "); " + why);
        }
    }

    /** default_transaction_read_only for every new session, and every other client session ended. */
    static void readOnly(Connection c) throws SQLException {
        Sql.run(c, "alter system set default_transaction_read_only = on");
        Sql.text(c, "select pg_reload_conf()");
        Sql.text(c, "select count(pg_terminate_backend(pid)) from pg_stat_activity where backend_type = 'client backend'"
                + " and pid <> pg_backend_pid()");
    }

    /**
     * The steps after {@code region} became the primary: writable by default, a fresh ledger slot (logical, test_decoding)
     * so a later failover can decode what it commits past its standbys, a physical slot per other region, and the other
     * reachable standbys repointed at it.
     */
    void afterPromotion(String region) throws SQLException {
        try (Connection c = connect(region)) {
            Sql.run(c, "alter system reset default_transaction_read_only");
            replicationMode(c, region);
            Sql.text(c, "select pg_reload_conf()");
            Sql.text(c, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?", LEDGER_SLOT);
            Sql.text(c, "select pg_create_logical_replication_slot(?, 'test_decoding')", LEDGER_SLOT);
            for (String other : members.keySet()) {
                if (!other.equals(region)) {
                    ensureSlot(c, other);
                }
            }
        }
        Member primary = member(region);
        for (String other : members.keySet()) {
            if (other.equals(region)) {
                continue;
            }
            try (Connection c = connect(other)) {
                if ("t".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
                    Sql.run(c, "alter system set primary_conninfo = " + Sql.quote(conninfo(primary, other)));
                    Sql.run(c, "alter system set primary_slot_name = " + Sql.quote(ManagedServer.slotName(other)));
                    Sql.text(c, "select pg_reload_conf()");
                }
            } catch (SQLException e) {
                LOG.info(other + " is not reachable to follow " + region + " now: " + e.getMessage());
            }
        }
    }

    /**
     * A checkpoint on a freshly promoted primary, so its control file names its new timeline: pg_rewind reads the source's
     * timeline from there and would otherwise find "no rewind required" for a target whose log forked.
     */
    void checkpoint(String region) throws SQLException {
        try (Connection c = Sql.connect(jdbcUrl(region), Duration.ofSeconds(60))) {
            Sql.run(c, "checkpoint");
        }
    }

    /**
     * Sync mode on the primary {@code region}: synchronous_standby_names = ANY 1 of the other regions (their standbys'
     * application_name), so a commit returns once one of them has flushed it; async: no synchronous standby. The caller
     * reloads the configuration.
     */
    void replicationMode(Connection c, String region) throws SQLException {
        if (!sync) {
            Sql.run(c, "alter system reset synchronous_standby_names");
            return;
        }
        Sql.run(c, "alter system set synchronous_standby_names = " + Sql.quote(anyOneOf(region)));
        Sql.run(c, "alter system set synchronous_commit = on");
    }

    /** {@code ANY 1 ("west", "north")}: any one standby of the other regions (their application_name). */
    String anyOneOf(String region) {
        String others = members.keySet().stream().filter(r -> !r.equals(region)).map(r -> "\"" + r.replace("\"", "") + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        return "ANY 1 (" + others + ")";
    }

    /** The RPO guard's last reason on {@code region}, or null when none runs there. */
    String rpoReason(String region) {
        RpoGuard rpo = rpoGuards.get(region);
        return rpo == null ? null : rpo.reason();
    }

    /** Whether {@code region}'s RPO guard makes commits wait for a standby now. */
    boolean rpoHolding(String region) {
        RpoGuard rpo = rpoGuards.get(region);
        return rpo != null && rpo.holding();
    }

    static void ensureSlot(Connection c, String region) throws SQLException {
        String slot = ManagedServer.slotName(region);
        if (Sql.text(c, "select slot_name from pg_replication_slots where slot_name = ?", slot) == null) {
            Sql.text(c, "select pg_create_physical_replication_slot(?, true)", slot);
        }
    }

    /** How {@code standby} streams from {@code primary}: through its link when it has one. */
    String conninfo(Member primary, String standby) {
        return ManagedServer.conninfo(member(standby).reach(primary), standby);
    }

    /** Where {@code from} reaches {@code to}'s server. */
    HostPort reach(String from, String to) {
        return member(from).reach(member(to));
    }

    /** The ledger file of a managed region (next to its data directory); null for an attached one. */
    Path ledgerFile(String region) {
        Member member = member(region);
        return member.managed() == null ? null : member.managed().root().resolve("lost-writes.json");
    }

    List<String> regions() {
        return List.copyOf(members.keySet());
    }

    void pause(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }

    @Override
    public void close() {
        for (String region : List.copyOf(guards.keySet())) {
            unguard(region);
        }
    }
}
