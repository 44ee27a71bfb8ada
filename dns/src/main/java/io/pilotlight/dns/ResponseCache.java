package io.pilotlight.dns;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Responses by the exact query bytes after the id (question as sent, flags, EDNS), so a repeated
 * query is answered by copying bytes and patching the id. Only answers that cannot differ between
 * two identical queries are kept, and everything is dropped when zones, health or controls change:
 * {@link #invalidate()} swaps in a new map, so an answer computed before a change lands in the
 * discarded map and is never served after it.
 */
final class ResponseCache {
    private static final int MAX_ENTRIES = 20_000;
    private static final int MAX_QUERY_BYTES = 300;

    private volatile ConcurrentHashMap<Key, byte[]> entries = new ConcurrentHashMap<>();

    /** The map to put into for an answer computed from now on. */
    ConcurrentHashMap<Key, byte[]> generation() {
        return entries;
    }

    /** The cached response with the query's id, or {@code null}. */
    byte[] lookup(byte[] query, int length) {
        if (length > MAX_QUERY_BYTES) {
            return null;
        }
        byte[] cached = entries.get(new Key(query, length));
        if (cached == null) {
            return null;
        }
        byte[] response = cached.clone();
        response[0] = query[0];
        response[1] = query[1];
        return response;
    }

    void put(ConcurrentHashMap<Key, byte[]> generation, byte[] query, int length, byte[] response) {
        if (length > MAX_QUERY_BYTES) {
            return;
        }
        if (generation.size() >= MAX_ENTRIES) {
            generation.clear(); // a flood of distinct names: start over rather than grow without bound
        }
        generation.put(new Key(query, length), response);
    }

    void invalidate() {
        entries = new ConcurrentHashMap<>();
    }

    /** Query bytes from offset 2 (after the id) to the end. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] query, int length) {
            this.bytes = Arrays.copyOfRange(query, 2, length);
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && Arrays.equals(key.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
