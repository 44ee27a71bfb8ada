package io.pilotlight.dns;

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

    /**
     * Writes the cached response for the query, with the query's id, into {@code out} (cleared and
     * flipped); false when nothing is cached. Allocates nothing: the hot path of the UDP loop.
     */
    boolean lookupInto(byte[] query, int length, Key probe, java.nio.ByteBuffer out) {
        if (length > MAX_QUERY_BYTES) {
            return false;
        }
        byte[] cached = entries.get(probe.point(query, length));
        if (cached == null) {
            return false;
        }
        out.clear();
        out.put(cached);
        out.put(0, query[0]);
        out.put(1, query[1]);
        out.flip();
        return true;
    }

    void put(ConcurrentHashMap<Key, byte[]> generation, byte[] query, int length, byte[] response) {
        if (length > MAX_QUERY_BYTES) {
            return;
        }
        if (generation.size() >= MAX_ENTRIES) {
            generation.clear(); // a flood of distinct names: start over rather than grow without bound
        }
        generation.put(Key.stored(query, length), response);
    }

    void invalidate() {
        entries = new ConcurrentHashMap<>();
    }

    /**
     * Query bytes from offset 2 (after the id) to the end. Stored keys own a copy; a probe key
     * (one per thread) points into the thread's receive array so a lookup allocates nothing.
     */
    static final class Key {
        private byte[] bytes;
        private int from;
        private int to;
        private int hash;

        private Key(byte[] bytes, int from, int to) {
            point(bytes, from, to);
        }

        static Key stored(byte[] query, int length) {
            return new Key(java.util.Arrays.copyOfRange(query, 2, length), 0, length - 2);
        }

        static Key probe(byte[] query, int length) {
            return new Key(query, 2, length);
        }

        /** A reusable probe key for one thread. */
        static Key newProbe() {
            return new Key(new byte[2], 2, 2);
        }

        Key point(byte[] query, int length) {
            return point(query, 2, length);
        }

        private Key point(byte[] array, int start, int end) {
            this.bytes = array;
            this.from = start;
            this.to = end;
            int h = 1;
            for (int i = start; i < end; i++) {
                h = 31 * h + array[i];
            }
            this.hash = h;
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash
                    && java.util.Arrays.equals(key.bytes, key.from, key.to, bytes, from, to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
