package io.pilotlight.dns;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The path every query takes, whatever the transport: the cache, else the wire handler, counting as it goes. */
final class QueryProcessor {
    private final WireHandler handler;
    private final ResponseCache cache = new ResponseCache();
    final LongAdder queries = new LongAdder();
    final LongAdder cacheHits = new LongAdder();
    final LongAdder dropped = new LongAdder();

    QueryProcessor(WireHandler handler) {
        this.handler = handler;
    }

    /** The response bytes, computed (UDP callers look in the cache first), or {@code null} to send nothing. Never throws. */
    byte[] process(byte[] query, int length, boolean tcp) {
        queries.increment();
        ConcurrentHashMap<ResponseCache.Key, byte[]> generation = cache.generation();
        WireHandler.Response response;
        try {
            response = handler.handle(query, length, tcp);
        } catch (RuntimeException unexpected) {
            dropped.increment(); // a bug must cost one query, never the server
            return null;
        }
        if (response == null) {
            dropped.increment();
            return null;
        }
        if (!tcp && response.cacheable()) {
            cache.put(generation, query, length, response.wire());
        }
        return response.wire();
    }

    /**
     * The UDP hot path: the response goes into {@code out} (flipped), false when nothing is to be sent.
     * A cache hit allocates nothing.
     */
    boolean processInto(byte[] query, int length, ResponseCache.Key probe, java.nio.ByteBuffer out) {
        if (cache.lookupInto(query, length, probe, out)) {
            queries.increment();
            cacheHits.increment();
            return true;
        }
        byte[] response = process(query, length, false);
        if (response == null) {
            return false;
        }
        out.clear();
        out.put(response).flip();
        return true;
    }

    void invalidate() {
        cache.invalidate();
    }
}
