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

    /** The response bytes, or {@code null} to send nothing. Never throws. */
    byte[] process(byte[] query, int length, boolean tcp) {
        queries.increment();
        if (!tcp) {
            byte[] cached = cache.lookup(query, length);
            if (cached != null) {
                cacheHits.increment();
                return cached;
            }
        }
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

    void invalidate() {
        cache.invalidate();
    }
}
