package io.pilotlight.store.coord;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The etcd requests the coordinator makes, each bounded by the call's one deadline; no answer in time is {@link UnreachableException}. */
final class EtcdCalls implements AutoCloseable {
    /** etcd did not answer within the deadline, or answered with something that is not the coordinator's record. */
    static final class UnreachableException extends Exception {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Deadline(long untilNanos) {
        long leftNanos() {
            return untilNanos - System.nanoTime();
        }
    }

    private final Client client;
    private final Duration deadline;
    private final EtcdTarget target;

    EtcdCalls(Client client, Duration deadline, EtcdTarget target) {
        this.client = client;
        this.deadline = deadline;
        this.target = target;
    }

    Deadline start() {
        return new Deadline(System.nanoTime() + deadline.toNanos());
    }

    EtcdView view(ByteSequence prefix, GetOption option, Deadline d) throws UnreachableException {
        try {
            return EtcdView.of(target, await(client.getKVClient().get(prefix, option), d).getKvs());
        } catch (EtcdView.DamagedKeyException e) {
            throw new UnreachableException(e.getMessage(), e);
        }
    }

    /** A new etcd lease of at least {@code ttl}: {id, granted TTL in seconds} (etcd counts whole seconds and has a minimum). */
    long[] grant(Duration ttl, Deadline d) throws UnreachableException {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        var granted = await(client.getLeaseClient().grant(seconds), d);
        return new long[] {granted.getID(), granted.getTTL()};
    }

    /** Refreshes a lease; its new TTL in seconds, or 0 when it has already expired. */
    long keepAlive(long lease, Deadline d) throws UnreachableException {
        try {
            return await(client.getLeaseClient().keepAliveOnce(lease), d).getTTL();
        } catch (UnreachableException e) {
            if (Status.fromThrowable(e.getCause()).getCode() == Status.Code.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    /** Seconds etcd still gives a lease (0 once expired). */
    long secondsLeft(long lease, Deadline d) throws UnreachableException {
        return Math.max(0, await(client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT), d).getTTL());
    }

    /** Applies {@code ops} if every compare holds: etcd's revision after it (that of every key it put), or 0 when a compare failed. */
    long txn(Deadline d, List<Cmp> compares, List<Op> ops) throws UnreachableException {
        var answer = await(client.getKVClient().txn().If(compares.toArray(new Cmp[0])).Then(ops.toArray(new Op[0])).commit(), d);
        return answer.isSucceeded() ? answer.getHeader().getRevision() : 0;
    }

    void revokeQuietly(long lease) {
        if (lease != 0) {
            client.getLeaseClient().revoke(lease).exceptionally(e -> null); // it expires by itself otherwise
        }
    }

    private <T> T await(CompletableFuture<T> future, Deadline d) throws UnreachableException {
        try {
            return future.get(Math.max(d.leftNanos(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new UnreachableException("etcd " + target + " did not answer within " + deadline.toMillis() + "ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UnreachableException("etcd " + target + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while asking etcd " + target, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
