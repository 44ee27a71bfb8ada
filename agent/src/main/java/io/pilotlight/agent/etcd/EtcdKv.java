package io.pilotlight.agent.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.pilotlight.store.coord.EtcdTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agents' shared keys in etcd, under one deployment prefix: plain reads and writes, writes guarded
 * by another key's value (what a leader uses, so a deposed leader can write nothing), and leases.
 * Every call has one deadline; no answer in time is {@link EtcdUnreachableException}, never "absent".
 * Values are UTF-8 text (JSON). Names are relative to the prefix ({@code controller/leader}).
 */
public final class EtcdKv implements AutoCloseable {
    /** A key's value and the revision that last changed it. */
    public record Entry(String value, long modRevision) { }

    private final EtcdTarget target;
    private final Client client;
    private final Duration deadline;

    public EtcdKv(EtcdTarget target, Duration deadline) {
        this.target = target;
        this.deadline = deadline;
        this.client = target.client(deadline);
    }

    public EtcdTarget target() {
        return target;
    }

    public Optional<Entry> get(String name) throws EtcdUnreachableException {
        var kvs = await(client.getKVClient().get(bytes(target.key(name)))).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(entry(kvs.get(0)));
    }

    /** Every key under {@code namePrefix/}, by name relative to it. */
    public Map<String, Entry> list(String namePrefix) throws EtcdUnreachableException {
        String full = target.key(namePrefix) + "/";
        var kvs = await(client.getKVClient().get(bytes(full), GetOption.builder().isPrefix(true).build())).getKvs();
        Map<String, Entry> found = new LinkedHashMap<>();
        for (KeyValue kv : kvs) {
            found.put(kv.getKey().toString(StandardCharsets.UTF_8).substring(full.length()), entry(kv));
        }
        return found;
    }

    public void put(String name, String value) throws EtcdUnreachableException {
        await(client.getKVClient().put(bytes(target.key(name)), bytes(value)));
    }

    /** A value that disappears with the lease (what an agent reports about itself: gone when the agent is). */
    public void put(String name, String value, long lease) throws EtcdUnreachableException {
        await(client.getKVClient().put(bytes(target.key(name)), bytes(value), PutOption.builder().withLeaseId(lease).build()));
    }

    /** Writes only while {@code guardName} holds {@code guardValue}; false (and nothing written) otherwise. */
    public boolean putIf(String guardName, String guardValue, String name, String value) throws EtcdUnreachableException {
        return txn(new Cmp(bytes(target.key(guardName)), Cmp.Op.EQUAL, CmpTarget.value(bytes(guardValue))),
                Op.put(bytes(target.key(name)), bytes(value), PutOption.DEFAULT));
    }

    /**
     * Compare-and-swap on the key's last change: writes only while its mod revision is still
     * {@code modRevision} (0: only while the key does not exist), so a writer that decided on an old
     * value writes nothing and can read again.
     *
     * @return the key's new mod revision, or empty when someone else changed it first
     */
    public OptionalLong putIfUnchanged(String name, String value, long modRevision) throws EtcdUnreachableException {
        return putIfUnchanged(name, value, modRevision, PutOption.DEFAULT);
    }

    /** As {@link #putIfUnchanged(String, String, long)}, the key bound to {@code lease}. */
    public OptionalLong putIfUnchanged(String name, String value, long modRevision, long lease) throws EtcdUnreachableException {
        return putIfUnchanged(name, value, modRevision, PutOption.builder().withLeaseId(lease).build());
    }

    private OptionalLong putIfUnchanged(String name, String value, long modRevision, PutOption option) throws EtcdUnreachableException {
        var response = await(client.getKVClient().txn()
                .If(new Cmp(bytes(target.key(name)), Cmp.Op.EQUAL, CmpTarget.modRevision(modRevision)))
                .Then(Op.put(bytes(target.key(name)), bytes(value), option)).commit());
        return response.isSucceeded() ? OptionalLong.of(response.getHeader().getRevision()) : OptionalLong.empty();
    }

    /** The key's lease id (0: none) and the TTL etcd granted that lease, in seconds (0 once it has expired). */
    public long[] leaseOf(String name) throws EtcdUnreachableException {
        var kvs = await(client.getKVClient().get(bytes(target.key(name)))).getKvs();
        if (kvs.isEmpty() || kvs.get(0).getLease() == 0) {
            return new long[] {0, 0};
        }
        long lease = kvs.get(0).getLease();
        return new long[] {lease, Math.max(0, await(client.getLeaseClient().timeToLive(lease, io.etcd.jetcd.options.LeaseOption.DEFAULT)).getGrantedTTL())};
    }

    /** Deletes only while {@code guardName} holds {@code guardValue}. */
    public boolean deleteIf(String guardName, String guardValue, String name) throws EtcdUnreachableException {
        return txn(new Cmp(bytes(target.key(guardName)), Cmp.Op.EQUAL, CmpTarget.value(bytes(guardValue))),
                Op.delete(bytes(target.key(name)), DeleteOption.DEFAULT));
    }

    /** Creates the key, bound to the lease, only if it does not exist: the one winner of an election. */
    public boolean createIfAbsent(String name, String value, long lease) throws EtcdUnreachableException {
        return txn(new Cmp(bytes(target.key(name)), Cmp.Op.EQUAL, CmpTarget.version(0)),
                Op.put(bytes(target.key(name)), bytes(value), PutOption.builder().withLeaseId(lease).build()));
    }

    public void delete(String name) throws EtcdUnreachableException {
        await(client.getKVClient().delete(bytes(target.key(name))));
    }

    /** A new lease of at least {@code ttl} (etcd counts whole seconds); its id. */
    public long grant(Duration ttl) throws EtcdUnreachableException {
        return await(client.getLeaseClient().grant(Math.max(1, (ttl.toMillis() + 999) / 1000))).getID();
    }

    /** Refreshes a lease: false when etcd says it has expired (a new one is needed). */
    public boolean keepAlive(long lease) throws EtcdUnreachableException {
        try {
            return await(client.getLeaseClient().keepAliveOnce(lease)).getTTL() > 0;
        } catch (EtcdUnreachableException e) {
            if (leaseNotFound(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    /** etcd's "requested lease not found", as gRPC gives it or as jetcd wraps it (an {@link EtcdException} with NOT_FOUND). */
    private static boolean leaseNotFound(Throwable cause) {
        return Status.fromThrowable(cause).getCode() == Status.Code.NOT_FOUND
                || cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.NOT_FOUND;
    }

    public void revokeQuietly(long lease) {
        if (lease != 0) {
            client.getLeaseClient().revoke(lease).exceptionally(e -> null); // it expires by itself otherwise
        }
    }

    private boolean txn(Cmp compare, Op op) throws EtcdUnreachableException {
        return await(client.getKVClient().txn().If(compare).Then(op).commit()).isSucceeded();
    }

    private <T> T await(CompletableFuture<T> future) throws EtcdUnreachableException {
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new EtcdUnreachableException("etcd " + target + " did not answer within " + deadline.toMillis() + "ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EtcdUnreachableException("etcd " + target + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdUnreachableException("interrupted while asking etcd " + target, e);
        }
    }

    private static Entry entry(KeyValue kv) {
        return new Entry(kv.getValue().toString(StandardCharsets.UTF_8), kv.getModRevision());
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.close();
    }
}
