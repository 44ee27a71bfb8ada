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

/**
 * The writer's lease in etcd. {@code PREFIX/epoch} holds the last epoch granted, its holder and
 * TTL (no etcd lease: it survives everything, so epochs never repeat); {@code PREFIX/writer} holds
 * the same record attached to an etcd lease of the writer's TTL (rounded up to whole seconds and
 * to etcd's minimum), so it exists exactly while the lease lives; {@code PREFIX/successor} names a
 * switchover's target, attached to an etcd lease of one TTL. Every change is one transaction that
 * compares the revisions it read, so two candidates never both get an epoch. A call that gets no
 * answer within the deadline is "unreachable" ({@link LeaseInfo#UNREACHABLE}, a refused grant whose
 * reason says so, a failed renewal), never "nobody holds the lease".
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

    public EtcdCoordinator(EtcdTarget target, Clock clock, Duration deadline) {
        this.target = target;
        this.clock = clock;
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
                if (orphan != 0 && v.live() && v.writerLease() == orphan) { // it did apply (a retried request)
                    return new LeaseGrant(true, v.last().epoch(), region, now + ttl.toMillis(), "granted epoch " + v.last().epoch());
                }
                calls.revokeQuietly(orphan);
                orphan = 0;
                if (v.live() && !region.equals(v.last().holder())) {
                    long left = calls.secondsLeft(v.writerLease(), deadline) * 1000;
                    return new LeaseGrant(false, v.last().epoch(), v.last().holder(), now + left, v.last().holder()
                            + " holds the lease at epoch " + v.last().epoch() + " for another " + left + "ms (etcd's count, in whole seconds)");
                }
                if (v.live()) { // the holder asking again keeps its epoch
                    long left = calls.keepAlive(v.writerLease(), deadline);
                    if (left > 0) {
                        return new LeaseGrant(true, v.last().epoch(), region, now + left * 1000, "already held; renewed");
                    }
                    continue; // it lapsed in between
                }
                if (v.successor() != null && !region.equals(v.successor())) {
                    long left = calls.secondsLeft(v.successorLease(), deadline) * 1000;
                    return new LeaseGrant(false, v.lastEpoch(), v.last() == null ? null : v.last().holder(), now + left,
                            "a switchover handed the lease to " + v.successor() + "; only it may take it for another " + left + "ms");
                }
                long granted = Math.max(v.lastEpoch(), atLeastEpoch) + 1;
                long[] lease = calls.grant(ttl, deadline);
                CoordinatorStateFile.State record = new CoordinatorStateFile.State(granted, region, ttl.toMillis(), false);
                boolean applied = calls.txn(deadline, List.of(unchanged(lastKey, v.lastRevision()), unchanged(writerKey, v.writerRevision()),
                        unchanged(successorKey, v.successorRevision())), List.of(Op.put(lastKey, encode(record), PutOption.DEFAULT),
                        Op.put(writerKey, encode(record), PutOption.builder().withLeaseId(lease[0]).build()),
                        Op.delete(successorKey, DeleteOption.DEFAULT)));
                if (applied) {
                    return new LeaseGrant(true, granted, region, now + lease[1] * 1000, "granted epoch " + granted);
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
            return v.live() && region.equals(v.last().holder()) && v.last().epoch() == epoch && calls.keepAlive(v.writerLease(), deadline) > 0;
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
                if (calls.txn(deadline, List.of(unchanged(lastKey, v.lastRevision()), unchanged(writerKey, v.writerRevision())), ops)) {
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
            long expires = v.live() ? clock.millis() + calls.secondsLeft(v.writerLease(), deadline) * 1000 : 0;
            return new LeaseInfo(v.last().holder(), v.last().epoch(), expires, v.live(), v.successor());
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
        return calls.view(bytes(target.prefix() + "/"), GetOption.builder().isPrefix(true).build(), deadline);
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
