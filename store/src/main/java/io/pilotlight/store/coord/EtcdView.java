package io.pilotlight.store.coord;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.pilotlight.store.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One consistent read of the coordinator's keys in etcd. {@code last} is the last epoch granted
 * (its holder, TTL and whether it was released; no etcd lease, so it outlives everything);
 * {@code writer} exists only while the holder's etcd lease lives; {@code successor} only while a
 * switchover's reservation lives. Revisions are 0 for a missing key, as etcd compares them.
 */
record EtcdView(CoordinatorStateFile.State last, long lastRevision, CoordinatorStateFile.State writer, long writerLease,
                long writerRevision, String successor, long successorLease, long successorRevision) {
    private static final ObjectMapper JSON = StrictJson.mapper();

    /** A key that holds something other than the coordinator's record: never read as "nobody holds it". */
    static final class DamagedKeyException extends IOException {
        DamagedKeyException(String message) {
            super(message);
        }
    }

    static EtcdView of(EtcdTarget target, List<KeyValue> kvs) throws DamagedKeyException {
        KeyValue last = find(kvs, target.key("epoch"));
        KeyValue writer = find(kvs, target.key("writer"));
        KeyValue successor = find(kvs, target.key("successor"));
        return new EtcdView(decode(last), revision(last), decode(writer), writer == null ? 0 : writer.getLease(), revision(writer),
                successor == null ? null : successor.getValue().toString(StandardCharsets.UTF_8),
                successor == null ? 0 : successor.getLease(), revision(successor));
    }

    /** The holder's etcd lease lives and is the lease of the last epoch granted, not released. */
    boolean live() {
        return writer != null && last != null && !last.released() && writer.epoch() == last.epoch() && writer.holder().equals(last.holder());
    }

    long lastEpoch() {
        return last == null ? 0 : last.epoch();
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static ByteSequence encode(CoordinatorStateFile.State state) {
        try {
            return ByteSequence.from(JSON.writeValueAsBytes(state));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyValue find(List<KeyValue> kvs, String key) {
        return kvs.stream().filter(kv -> kv.getKey().toString(StandardCharsets.UTF_8).equals(key)).findFirst().orElse(null);
    }

    private static long revision(KeyValue kv) {
        return kv == null ? 0 : kv.getModRevision();
    }

    private static CoordinatorStateFile.State decode(KeyValue kv) throws DamagedKeyException {
        if (kv == null) {
            return null;
        }
        String key = kv.getKey().toString(StandardCharsets.UTF_8);
        try {
            CoordinatorStateFile.State state = JSON.readValue(kv.getValue().getBytes(), CoordinatorStateFile.State.class);
            if (state == null || state.epoch() <= 0 || state.holder() == null || state.ttlMillis() < 0) {
                throw new IOException("not a complete lease record");
            }
            return state;
        } catch (IOException e) {
            throw new DamagedKeyException("etcd key " + key + " holds \"" + kv.getValue().toString(StandardCharsets.UTF_8)
                    + "\", not a lease record (" + e.getMessage() + "); it holds the last epoch granted: restore it rather than delete it");
        }
    }
}
