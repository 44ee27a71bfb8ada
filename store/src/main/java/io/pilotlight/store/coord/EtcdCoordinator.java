package io.pilotlight.store.coord;

import static io.pilotlight.store.coord.EtcdView.bytes;
import static io.pilotlight.store.coord.EtcdView.encode;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The writer's lease in etcd. {@code PREFIX/epoch} holds the last epoch granted, its holder and
 * TTL (no etcd lease: it survives everything, so epochs never repeat); {@code PREFIX/writer} holds
 * the same record attached to an etcd lease of the writer's TTL (rounded up to whole seconds and
 * to etcd's minimum); {@code PREFIX/successor} names a switchover's target, attached to an etcd
 * lease of one TTL. Every change is one transaction that compares the revisions it read, so two
 * candidates never both get an epoch. A call that gets no answer within the deadline is
 * "unreachable" ({@link LeaseInfo#UNREACHABLE}, a refused grant whose reason says so, a failed
 * renewal), never "nobody holds the lease".
 *
 * <p>When the writer's lease lapses is judged on this process's own monotonic clock, not by etcd's
 * lease expiry: every renewal rewrites the writer key, so its revision changes, and a lease whose
 * revision this process has seen unchanged for one TTL has lapsed (the writer fences itself a tenth
 * of a TTL earlier, from when it sent that renewal, which is before anyone could see it). etcd's own
 * expiry would come later after an etcd leader change: a new etcd leader gives every lease its
 * whole TTL again, so a writer dying with etcd's leader would cost a second TTL. The take-over is a
 * transaction on the revision that was seen, so a renewal that lands first wins.
 */
public final class EtcdCoordinator implements Coordinator, AutoCloseable {
    public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(500);
    private static final int ATTEMPTS = 4;
    private final EtcdTarget target;
    private final EtcdCalls calls;
    private final Clock clock;
    private final ByteSequence lastKey;
    private final ByteSequence writerKey;
    private final ByteSequence successorKey;
    /** This process's monotonic clock in nanoseconds (System::nanoTime; a fake one in tests). */
    private final LongSupplier ticker;
    /** The newest revision of the writer key this process has seen, and when it first saw it. */
    private final AtomicReference<Sighting> sighting = new AtomicReference<>(new Sighting(0, 0));

    private record Sighting(long revision, long atNanos) {
    }

    public EtcdCoordinator(EtcdTarget target, Clock clock, Duration deadline) {
        this(target, clock, deadline, System::nanoTime);
    }

    /** @param ticker the monotonic clock (nanoseconds) that judges when a lease seen unchanged has lapsed */
    public EtcdCoordinator(EtcdTarget target, Clock clock, Duration deadline, LongSupplier ticker) {
        this.target = target;
        this.clock = clock;
        this.ticker = ticker;
        this.calls = new EtcdCalls(target.client(deadline), deadline, target);
        this.lastKey = bytes(target.key("epoch"));
        this.writerKey = bytes(target.key("writer"));
        this.successorKey = bytes(target.key("successor"));
    }

    public EtcdCoordinator(EtcdTarget target) {
        this(target, Clock.systemUTC(), DEFAULT_DEADLINE);
    }

    @Override
    public LeaseGrant acquire(String region, Duration ttl, long atLeastEpoch) {
        EtcdCalls.Deadline deadline = calls.start();
        long orphan = 0; // an etcd lease granted for a transaction whose answer said it failed
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                EtcdView v = read(deadline);
                long now = clock.millis();
                long left = leftMillis(v);
                if (orphan != 0 && v.live() && v.writerLease() == orphan) { // it did apply (a retried request)
                    return new LeaseGrant(true, v.last().epoch(), region, now + left, "granted epoch " + v.last().epoch());
                }
                calls.revokeQuietly(orphan);
                orphan = 0;
                if (left > 0 && !region.equals(v.last().holder())) {
                    return new LeaseGrant(false, v.last().epoch(), v.last().holder(), now + left, v.last().holder()
                            + " holds the lease at epoch " + v.last().epoch() + " for another " + left + "ms (since its last renewal seen here)");
                }
                if (left > 0) { // the holder asking again keeps its epoch
                    if (refresh(v, deadline)) {
                        return new LeaseGrant(true, v.last().epoch(), region, now + v.last().ttlMillis(), "already held; renewed");
                    }
                    continue; // it lapsed or changed in between
                }
                if (v.successor() != null && !region.equals(v.successor())) {
                    long reserved = calls.secondsLeft(v.successorLease(), deadline) * 1000;
                    return new LeaseGrant(false, v.lastEpoch(), v.last() == null ? null : v.last().holder(), now + reserved,
                            "a switchover handed the lease to " + v.successor() + "; only it may take it for another " + reserved + "ms");
                }
                long granted = Math.max(v.lastEpoch(), atLeastEpoch) + 1;
                long[] lease = calls.grant(ttl, deadline);
                CoordinatorStateFile.State record = new CoordinatorStateFile.State(granted, region, ttl.toMillis(), false);
                long applied = calls.txn(deadline, List.of(unchanged(lastKey, v.lastRevision()), unchanged(writerKey, v.writerRevision()),
                        unchanged(successorKey, v.successorRevision())), List.of(Op.put(lastKey, encode(record), PutOption.DEFAULT),
                        Op.put(writerKey, encode(record), PutOption.builder().withLeaseId(lease[0]).build()),
                        Op.delete(successorKey, DeleteOption.DEFAULT)));
                if (applied > 0) {
                    saw(applied);
                    if (v.writer() != null) {
                        calls.revokeQuietly(v.writerLease()); // a lapsed holder's lease that etcd had not expired yet
                    }
                    return new LeaseGrant(true, granted, region, now + ttl.toMillis(), "granted epoch " + granted);
                }
                orphan = lease[0];
            }
            calls.revokeQuietly(orphan);
            return new LeaseGrant(false, 0, null, 0, "etcd " + target + ": other candidates kept changing the lease; try again");
        } catch (EtcdCalls.UnreachableException e) {
            return new LeaseGrant(false, 0, null, 0, "coordinator unreachable: " + e.getMessage());
        }
    }

    @Override
    public boolean renew(String region, long epoch, Duration ttl) {
        EtcdCalls.Deadline deadline = calls.start();
        try {
            EtcdView v = read(deadline);
            return leftMillis(v) > 0 && region.equals(v.last().holder()) && v.last().epoch() == epoch && refresh(v, deadline);
        } catch (EtcdCalls.UnreachableException e) {
            return false; // the writer's own clock decides when its lease has lapsed
        }
    }

    @Override
    public void release(String region, long epoch, String successor) {
        EtcdCalls.Deadline deadline = calls.start();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                EtcdView v = read(deadline);
                if (v.last() == null || !region.equals(v.last().holder()) || v.last().epoch() != epoch || v.last().released()) {
                    return;
                }
                CoordinatorStateFile.State released = new CoordinatorStateFile.State(epoch, region, v.last().ttlMillis(), true);
                List<Op> ops = new ArrayList<>(List.of(Op.put(lastKey, encode(released), PutOption.DEFAULT), Op.delete(writerKey, DeleteOption.DEFAULT)));
                if (successor != null) {
                    long reservation = calls.grant(Duration.ofMillis(Math.max(v.last().ttlMillis(), 1)), deadline)[0];
                    ops.add(Op.put(successorKey, bytes(successor), PutOption.builder().withLeaseId(reservation).build()));
                }
                if (calls.txn(deadline, List.of(unchanged(lastKey, v.lastRevision()), unchanged(writerKey, v.writerRevision())), ops) > 0) {
                    calls.revokeQuietly(v.writerLease());
                    return;
                }
            }
        } catch (EtcdCalls.UnreachableException ignored) {
            // the lease lapses on its own in etcd
        }
    }

    @Override
    public LeaseInfo current() {
        EtcdCalls.Deadline deadline = calls.start();
        try {
            EtcdView v = read(deadline);
            if (v.last() == null) {
                return v.successor() == null ? LeaseInfo.NONE : new LeaseInfo(null, 0, 0, false, v.successor());
            }
            long left = leftMillis(v);
            return new LeaseInfo(v.last().holder(), v.last().epoch(), left > 0 ? clock.millis() + left : 0, left > 0, v.successor());
        } catch (EtcdCalls.UnreachableException e) {
            return LeaseInfo.UNREACHABLE;
        }
    }

    /**
     * Asks etcd until it answers or {@code patience} runs out: the first call of a JVM loads the gRPC
     * stack and connects, which can take longer than one call's deadline. True when etcd answered.
     */
    public boolean awaitReachable(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (!current().reachable()) {
            if (System.nanoTime() - until > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private EtcdView read(EtcdCalls.Deadline deadline) throws EtcdCalls.UnreachableException {
        EtcdView v = calls.view(bytes(target.prefix() + "/"), GetOption.builder().isPrefix(true).build(), deadline);
        saw(v.writerRevision()); // timed once the answer is here: the renewal it shows was sent before
        return v;
    }

    /** Notes a writer-key revision and when it was first seen; an older one (a concurrent answer) changes nothing. */
    private void saw(long revision) {
        long now = ticker.getAsLong();
        sighting.updateAndGet(s -> revision > s.revision() ? new Sighting(revision, now) : s);
    }

    /**
     * How long the live lease in {@code v} has left by this process's clock: one TTL from when its
     * revision was first seen here; 0 when it is not live, has lapsed, or {@code v} is older than a
     * revision already seen (that read raced a newer one: never judged lapsed on it).
     */
    private long leftMillis(EtcdView v) {
        if (!v.live()) {
            return 0;
        }
        Sighting seen = sighting.get();
        if (v.writerRevision() != seen.revision()) {
            return v.last().ttlMillis();
        }
        long left = seen.atNanos() + Duration.ofMillis(v.last().ttlMillis()).toNanos() - ticker.getAsLong();
        return left > 0 ? Math.max(1, left / 1_000_000) : 0;
    }

    /**
     * A renewal: keeps the holder's etcd lease alive and rewrites the writer key, so every process
     * watching sees a new revision; true when both held (the key unchanged since {@code v}).
     */
    private boolean refresh(EtcdView v, EtcdCalls.Deadline deadline) throws EtcdCalls.UnreachableException {
        if (calls.keepAlive(v.writerLease(), deadline) <= 0) {
            return false;
        }
        long applied = calls.txn(deadline, List.of(unchanged(writerKey, v.writerRevision()), unchanged(lastKey, v.lastRevision())),
                List.of(Op.put(writerKey, encode(v.writer()), PutOption.builder().withLeaseId(v.writerLease()).build())));
        if (applied > 0) {
            saw(applied);
        }
        return applied > 0;
    }

    private static Cmp unchanged(ByteSequence key, long revision) {
        return new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(revision));
    }

    @Override
    public void close() {
        calls.close();
    }

    @Override
    public String toString() {
        return "etcd coordinator at " + target;
    }
}
