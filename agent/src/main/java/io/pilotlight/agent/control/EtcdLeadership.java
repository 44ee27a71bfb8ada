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
 * lease, only if absent, so exactly one candidate holds it; the holder renews the lease every third
 * of its TTL. A candidate may act only while its own clock says the lease it last renewed cannot
 * have expired (the renewal's start + TTL, minus a margin); so a leader cut off from etcd stops
 * acting before etcd can let another candidate win, and one that cannot reach etcd never acts.
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
            if (holder.isPresent() && holder.get().value().equals(id)) {
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
        }
        why = "the controller leader is " + holder.map(EtcdKv.Entry::value).orElse("being elected");
        return false;
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
