package io.pilotlight.agent.control;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.orchestrator.live.Leadership;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Controller leader election on etcd: the key {@value #KEY} is created, bound to this candidate's
 * lease, only if absent, so exactly one candidate holds it; the holder renews the lease and rewrites
 * the key every third of its TTL. A candidate may act only while its own clock says the lease it last
 * renewed cannot have expired (the renewal's start + TTL, minus a margin); so a leader cut off from
 * etcd stops acting before another candidate can win, and one that cannot reach etcd never acts.
 *
 * <p>A candidate does not wait for etcd to expire a silent leader's lease (a new etcd leader gives
 * every lease its whole TTL again, so a controller leader dying with etcd's leader would cost a
 * second TTL): it takes the key over once it has seen the key's revision unchanged for the old
 * leader's TTL on its own clock, by a transaction on that revision (a renewal that lands first wins).
 */
public final class EtcdLeadership implements Leadership, AutoCloseable {
    public static final String KEY = "controller/leader";
    private final EtcdKv kv;
    private final Duration ttl;
    private final String id;
    private final LongSupplier nanos;
    private final Consumer<String> log;
    private final Thread campaigner;
    private volatile long lease;
    private static final long NOT_LEADING = Long.MIN_VALUE;
    private volatile long leadingUntilNanos = NOT_LEADING;
    private volatile String why = "not yet elected";
    private volatile boolean running = true;
    /** The leader key's revision this candidate last saw change, and when (its clock, once the answer had arrived). */
    private long seenRevision;
    private long seenAtNanos;

    /** @param region this candidate's region, part of its id ({@code REGION/random}) so everyone can see who leads */
    public EtcdLeadership(EtcdKv kv, String region, Duration ttl, LongSupplier nanos, Consumer<String> log) {
        this.kv = kv;
        this.ttl = ttl;
        this.id = region + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.nanos = nanos;
        this.log = log;
        this.campaigner = Thread.ofPlatform().daemon().name("controller-election").start(this::campaign);
    }

    public String id() {
        return id;
    }

    @Override
    public Optional<String> mayNotAct() {
        long until = leadingUntilNanos;
        // compared as a difference (System.nanoTime may be any value, even negative), and never against "no lease at all"
        return until != NOT_LEADING && until - nanos.getAsLong() > 0 ? Optional.empty() : Optional.of(why);
    }

    private void campaign() {
        long every = Math.max(50, ttl.toMillis() / 3);
        while (running) {
            long started = nanos.getAsLong();
            try {
                if (renewOrWin() && running) {
                    // etcd keeps the lease at least TTL after it handled the renewal, which came after `started`
                    leadingUntilNanos = started + ttl.toNanos() - margin();
                } else {
                    leadingUntilNanos = NOT_LEADING;
                }
            } catch (EtcdUnreachableException e) {
                why = "etcd unreachable (" + e.getMessage() + "): a controller that cannot reach etcd does nothing";
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A tenth of the TTL for clock rate differences and the time the renewal's answer takes to arrive. */
    private long margin() {
        return ttl.toNanos() / 10;
    }

    private boolean renewOrWin() throws EtcdUnreachableException {
        if (lease != 0 && kv.keepAlive(lease)) {
            Optional<EtcdKv.Entry> holder = kv.get(KEY);
            // rewritten, so the others see a new revision: a renewal they can time without etcd's lease expiry
            if (holder.isPresent() && holder.get().value().equals(id) && kv.putIfUnchanged(KEY, id, holder.get().modRevision(), lease).isPresent()) {
                why = "leading";
                return true;
            }
        }
        if (lease != 0 && mayNotAct().isEmpty()) {
            log.accept("controller leadership lost (lease " + Long.toHexString(lease) + " expired)");
        }
        Optional<EtcdKv.Entry> holder = kv.get(KEY);
        if (holder.isEmpty()) {
            if (lease == 0 || !kv.keepAlive(lease)) {
                lease = kv.grant(ttl);
            }
            if (kv.createIfAbsent(KEY, id, lease)) {
                log.accept("elected controller leader as " + id + " (lease " + Long.toHexString(lease) + ", TTL " + ttl.toMillis() + "ms)");
                why = "leading";
                return true;
            }
            holder = kv.get(KEY);
        } else if (silentForItsLease(holder.get())) {
            return takeOver(holder.get());
        }
        why = "the controller leader is " + holder.map(EtcdKv.Entry::value).orElse("being elected");
        return false;
    }

    /** Whether the leader key has kept this revision for the old leader's whole lease (etcd's granted TTL, at least ours) on our clock. */
    private boolean silentForItsLease(EtcdKv.Entry holder) throws EtcdUnreachableException {
        long now = nanos.getAsLong();
        if (holder.modRevision() != seenRevision) {
            seenRevision = holder.modRevision();
            seenAtNanos = now;
            return false;
        }
        if (now - seenAtNanos < ttl.toNanos()) {
            return false;
        }
        long[] old = kv.leaseOf(KEY);
        return now - seenAtNanos >= Math.max(ttl.toNanos(), Duration.ofSeconds(old[1]).toNanos());
    }

    /** The silent leader's key becomes ours, if nobody changed it since we timed it; its lease is revoked. */
    private boolean takeOver(EtcdKv.Entry silent) throws EtcdUnreachableException {
        long[] old = kv.leaseOf(KEY);
        if (lease == 0 || !kv.keepAlive(lease)) {
            lease = kv.grant(ttl);
        }
        if (kv.putIfUnchanged(KEY, id, silent.modRevision(), lease).isEmpty()) {
            why = "the controller leader is being elected";
            return false;
        }
        if (old[0] != lease) {
            kv.revokeQuietly(old[0]);
        }
        log.accept("elected controller leader as " + id + " (lease " + Long.toHexString(lease) + ", TTL " + ttl.toMillis() + "ms): "
                + silent.value() + " renewed nothing for its lease");
        why = "leading";
        return true;
    }

    /** The guard of every write only the leader may make: the leader key still holds this candidate's id. */
    public boolean guardedPut(String name, String value) throws EtcdUnreachableException {
        return kv.putIf(KEY, id, name, value);
    }

    public boolean guardedDelete(String name) throws EtcdUnreachableException {
        return kv.deleteIf(KEY, id, name);
    }

    @Override
    public void close() {
        boolean wasLeading = mayNotAct().isEmpty();
        running = false;
        why = "this controller candidate has stopped";
        leadingUntilNanos = NOT_LEADING;
        campaigner.interrupt();
        try {
            campaigner.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadingUntilNanos = NOT_LEADING; // whatever a last round of the campaign wrote
        if (wasLeading) {
            try {
                kv.deleteIf(KEY, id, KEY); // step down at once rather than make the next leader wait a TTL
            } catch (EtcdUnreachableException ignored) {
                // the lease runs out by itself
            }
        }
        kv.revokeQuietly(lease);
    }
}
