package io.pilotlight.sample;

import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreClient;
import io.pilotlight.store.StoreException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Items in the embedded store: written through its writer, read from this region's node. */
final class StoreItems implements Items {
    private final String region;
    private final String localStore;
    private final StoreClient store;
    private final StoreHealth health;

    StoreItems(String region, Map<String, String> storeNodes) {
        this.region = region;
        this.localStore = storeNodes.containsKey(region) ? region : storeNodes.keySet().iterator().next();
        this.store = new StoreClient(storeNodes, localStore);
        this.health = new StoreHealth(storeNodes.get(localStore), Clock.systemUTC());
    }

    @Override
    public String put(String id, String value) throws Unavailable {
        try {
            StoreClient.Ack ack = store.put("item/" + id, value);
            return "\"version\":" + ack.version() + ",\"epoch\":" + ack.epoch() + ",\"ack_time\":" + ack.ackTime();
        } catch (NotWriterException e) {
            throw new Unavailable("no writer: " + e.getMessage(), e);
        } catch (StoreException | IOException e) {
            throw new Unavailable("store unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    @Override
    public Optional<String> get(String id) throws Unavailable {
        try {
            StoreClient.Read read = store.get(localStore, "item/" + id);
            return read.found() ? Optional.of(read.value()) : Optional.empty();
        } catch (StoreException | IOException e) {
            throw new Unavailable("store unavailable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }

    @Override
    public String problem() {
        return health.problem();
    }

    @Override
    public String toString() {
        return "the embedded store (region " + region + ")";
    }
}
