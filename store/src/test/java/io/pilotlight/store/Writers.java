package io.pilotlight.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Clients writing continuously, each key written once, every acknowledgement remembered. */
final class Writers implements AutoCloseable {
    final AckLog log = new AckLog();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Writers(String prefix, int clients, Supplier<StoreClient> client) {
        for (int c = 0; c < clients; c++) {
            String name = prefix + "-c" + c + "-";
            threads.add(Thread.ofPlatform().daemon().name("writer-" + name).start(() -> {
                StoreClient store = client.get();
                for (int i = 0; running.get(); i++) {
                    String key = name + i;
                    try {
                        log.add(key, "v" + i, store.put(key, "v" + i));
                    } catch (Exception unavailable) {
                        // no writer where the client looked (cut off, lease lapsed, down): ask the next region, as a client following the writer would
                        List<String> regions = CompoundCluster.REGIONS;
                        store.writer(regions.get((Math.max(0, regions.indexOf(store.writer())) + 1) % regions.size()));
                        PromiseChecker.sleep(20);
                    }
                }
            }));
        }
    }

    int acknowledged() {
        return log.acks.size();
    }

    /** Stops the clients and waits for their last request to be answered (or to time out). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
