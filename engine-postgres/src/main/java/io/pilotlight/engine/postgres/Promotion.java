package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.RegionState;
import io.pilotlight.engine.ReplicaRole;
import io.pilotlight.engine.WouldLoseWritesException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Failover: a standby becomes the primary only after the old writer's lease must have lapsed (its
 * expiry plus the clock-drift margin), and only the most advanced reachable standby unless data loss
 * is accepted. The new writer takes the lease before PostgreSQL promotes it, so two servers never both
 * hold it.
 */
final class Promotion {
    private static final Logger LOG = Logger.getLogger(Promotion.class.getName());
    private final PgCluster cluster;
    private final StateProbe probe;

    Promotion(PgCluster cluster, StateProbe probe) {
        this.cluster = cluster;
        this.probe = probe;
    }

    Handover promote(String region, Duration waitForOldLease, boolean acceptDataLoss) throws EngineException {
        RegionState state = probe.state(region);
        if (state.role() == ReplicaRole.WRITER) {
            return new Handover(region, state.epoch(), Duration.ZERO, region + " is already the writer on timeline " + state.epoch());
        }
        if (!state.reachable()) {
            throw new EngineException(region + " cannot be promoted: " + state.detail());
        }
        if (state.role() != ReplicaRole.REPLICA) {
            throw new EngineException(region + " cannot be promoted: " + state.detail());
        }
        if (!acceptDataLoss) {
            String oldWriter = cluster.lease().holder();
            for (String other : cluster.regions()) {
                RegionState s = other.equals(region) ? null : probe.state(other);
                if (cluster.sync && s != null && !s.reachable() && !other.equals(oldWriter)) {
                    throw new WouldLoseWritesException("sync mode: " + other + " does not answer and may hold commits acknowledged by the"
                            + " old primary that " + region + " lacks; bring " + other + " back, or accept the data loss");
                }
                if (s != null && s.role() == ReplicaRole.REPLICA && s.durable().isAhead(state.durable())) {
                    throw new WouldLoseWritesException(other + " has received more of the old primary's log (" + s.durable().text() + ") than "
                            + region + " (" + state.durable().text() + "): promote " + other + ", or accept the data loss");
                }
            }
        }
        Instant started = cluster.clock.instant();
        WriterLease lease = awaitLapse(region, started.plus(waitForOldLease), waitForOldLease);
        Duration waited = Duration.between(started, cluster.clock.instant());
        long epoch = lease.epoch() + 1;
        Instant acquired = cluster.clock.instant();
        try {
            if (!cluster.leases.acquire(region, epoch, cluster.ttl)) {
                throw new EngineException("another region took the writer lease of " + cluster.name + " first: " + cluster.lease());
            }
        } catch (IOException e) {
            throw new EngineException("the writer lease of " + cluster.name + " cannot be taken: " + e.getMessage(), e);
        }
        if (!lease.holder().isEmpty() && !lease.holder().equals(region)) {
            cluster.unguard(lease.holder());
            // its guard fenced it when the lease lapsed; if no guard ran (its process is gone) and it still answers as a
            // primary, fence it here before promoting another
            if (cluster.answersAsPrimary(lease.holder())) {
                cluster.fenceNow(cluster.member(lease.holder()), "its lease lapsed while it still answered as a primary: fenced before "
                        + region + " is promoted");
            }
        }
        pgPromote(region, epoch, acquired);
        int timeline = prepare(region);
        String summary = region + " promoted to primary on timeline " + timeline + " (writer lease epoch " + epoch + ")"
                + (lease.holder().isEmpty() ? "" : " after " + lease.holder() + "'s lease lapsed (waited " + waited.toMillis() + "ms)");
        LOG.info(summary);
        return new Handover(region, timeline, waited, summary);
    }

    /** Waits until nobody holds a live lease but {@code region} (expiry plus margin passed); returns the lease seen then. */
    private WriterLease awaitLapse(String region, Instant deadline, Duration wait) throws EngineException {
        Duration margin = LeaseGuard.margin(cluster.ttl);
        while (true) {
            WriterLease lease = cluster.lease();
            Instant now = cluster.clock.instant();
            if (lease.holder().isEmpty() || lease.holder().equals(region) || now.isAfter(lease.expires().plus(margin))) {
                return lease;
            }
            if (now.isAfter(deadline)) {
                throw new EngineException(lease.holder() + " holds the writer lease of " + cluster.name + " (epoch " + lease.epoch()
                        + ") until " + lease.expires() + "; waited " + wait.toMillis() + "ms for it to lapse: while " + lease.holder()
                        + " answers, hand over by switchover; otherwise promote again once the lease has lapsed");
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /**
     * Promotes {@code region}'s server under the lease it just took (guarded from now on) and returns once it takes
     * writes; {@link #prepare} then does the steps of a new primary.
     */
    void pgPromote(String region, long epoch, Instant acquired) throws EngineException {
        cluster.promoting(region, true);
        cluster.guard(region, epoch, acquired);
        try (Connection c = cluster.connect(region)) {
            Sql.text(c, "select pg_promote(false)");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"f".equals(Sql.text(c, "select pg_is_in_recovery()"))) {
                if (System.nanoTime() > deadline) {
                    throw new EngineException(region + "'s server did not finish its promotion within 60s");
                }
                sleep(Duration.ofMillis(5));
            }
        } catch (SQLException e) {
            cluster.unguard(region);
            throw new EngineException("promoting " + region + "'s server failed: " + e.getMessage(), e);
        } finally {
            cluster.promoting(region, false);
        }
    }

    /** The steps after a promotion (slots, the other standbys repointed); returns the new primary's timeline. */
    int prepare(String region) throws EngineException {
        try {
            cluster.afterPromotion(region);
        } catch (SQLException e) {
            throw new EngineException(region + " is the primary, but preparing its slots failed: " + e.getMessage(), e);
        }
        return (int) probe.state(region).epoch();
    }

    static void sleep(Duration d) throws EngineException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }
}
