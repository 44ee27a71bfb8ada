package io.pilotlight.engine.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Enforces a store's lag bound on one primary (replication.rpo_guard; as Aurora PostgreSQL's rds.global_db_rpo). Every
 * look it notes the primary's WAL position with the time on its own clock, so a standby's lag in time is how long ago the
 * primary had written no more than the standby has flushed (what a promotion would keep). While no standby is within the
 * bound (or would not be at the next look), every commit waits for a standby ({@code synchronous_standby_names = ANY 1}
 * of the other regions); a commit that waited longer than the guard's timeout has its session terminated, so the client
 * gets an error instead of an acknowledgement. Once a standby is back under half the bound, commits stop waiting.
 */
final class RpoGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RpoGuard.class.getName());

    private record Sample(Instant at, long lsn) {
    }

    private final PgCluster cluster;
    private final String region;
    private final List<String> standbys;
    private final Duration bound;
    private final Duration commitTimeout;
    private final Duration period;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastReason = "";
    private volatile boolean holding;
    private Connection connection;

    RpoGuard(PgCluster cluster, String region, Duration bound, Duration commitTimeout, Clock clock) {
        this.cluster = cluster;
        this.region = region;
        this.standbys = cluster.regions().stream().filter(r -> !r.equals(region)).toList();
        this.bound = bound;
        this.commitTimeout = commitTimeout;
        this.period = period(bound);
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("pg-rpo-guard-" + region).start(this::loop);
    }

    /** A quarter of the bound, between 50 ms and 1 s. */
    static Duration period(Duration bound) {
        Duration quarter = bound.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50)
                : quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : quarter;
    }

    /** Whether commits wait for a standby (as of the last look). */
    boolean holding() {
        return holding;
    }

    /** The last decision's reason, in plain words. */
    String reason() {
        return lastReason;
    }

    private void loop() {
        while (running) {
            Instant start = clock.instant();
            try {
                look();
            } catch (SQLException e) {
                closeConnection();
                LOG.fine(region + ": RPO guard could not look at the primary: " + e.getMessage());
            }
            try {
                Duration rest = Duration.between(clock.instant(), start.plus(period));
                if (!rest.isNegative()) {
                    Thread.sleep(rest);
                }
            } catch (InterruptedException e) {
                running = false;
            }
        }
        closeConnection();
    }

    private void look() throws SQLException {
        if (connection == null) {
            connection = cluster.connect(region);
        }
        Connection c = connection;
        if (!"f".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
            samples.clear();
            return; // not a primary (yet, or any more): nothing to hold
        }
        Instant now = clock.instant();
        long current = Lsn.parse(Sql.text(c, "select pg_current_wal_lsn()::text"));
        samples.addLast(new Sample(now, current));
        while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(bound.multipliedBy(2)).minus(period.multipliedBy(4)))) {
            samples.removeFirst();
        }
        Duration best = null;
        try (PreparedStatement s = c.prepareStatement("select flush_lsn::text from pg_stat_replication where application_name = any(?)"
                + " and flush_lsn is not null")) {
            Array names = c.createArrayOf("text", standbys.toArray());
            s.setArray(1, names);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    Duration lag = lag(Lsn.parse(rows.getString(1)), current, now);
                    best = best == null || lag.compareTo(best) < 0 ? lag : best;
                }
            }
        }
        boolean holding = !Sql.text(c, "select current_setting('synchronous_standby_names')").isBlank();
        RpoDecision decision = RpoDecision.decide(holding, best, bound, period);
        if (decision.change()) {
            LOG.warning(region + ": RPO guard: " + decision.reason());
            if (decision.hold()) {
                Sql.run(c, "alter system set synchronous_standby_names = " + Sql.quote(cluster.anyOneOf(region)));
                Sql.run(c, "alter system set synchronous_commit = on");
            } else {
                Sql.run(c, "alter system reset synchronous_standby_names");
            }
            Sql.text(c, "select pg_reload_conf()");
        }
        lastReason = decision.reason();
        this.holding = decision.hold();
        if (decision.hold()) {
            failWaitingCommits(c);
        }
    }

    /**
     * How long ago the primary had written no more than {@code flushed}: the time of the latest look whose position the
     * standby has flushed (an upper bound of the lag, by at most one look); 0 when it has everything.
     */
    private Duration lag(long flushed, long current, Instant now) {
        if (flushed >= current) {
            return Duration.ZERO;
        }
        Instant since = samples.peekFirst().at();
        for (Sample sample : samples) {
            if (sample.lsn() <= flushed) {
                since = sample.at();
            }
        }
        return Duration.between(since, now);
    }

    /**
     * Ends every session whose commit has waited for a standby longer than the timeout: PostgreSQL has no "wait, then
     * fail" for a synchronous commit, and a cancel would acknowledge it (with a warning); a terminated session gets no
     * acknowledgement. Its transaction stays committed on this primary: it reaches the standbys when one catches up, or
     * it is in the ledger after a failover.
     */
    private void failWaitingCommits(Connection c) throws SQLException {
        String ended = Sql.text(c, "select string_agg(pid::text, ',') from (select pid, pg_terminate_backend(pid) from pg_stat_activity"
                + " where wait_event = 'SyncRep' and clock_timestamp() - query_start > make_interval(secs => ?)) t",
                commitTimeout.toMillis() / 1000.0);
        if (ended != null) {
            LOG.warning(region + ": RPO guard: no standby within the RPO bound (" + bound.toMillis() + "ms) for "
                    + commitTimeout.toMillis() + "ms: ended the sessions whose commit waited (pids " + ended + "); " + lastReason);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone already
            }
            connection = null;
        }
    }

    /** Stops looking (a hand-over, the engine closing); the server's setting stays until the next primary's first steps. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
