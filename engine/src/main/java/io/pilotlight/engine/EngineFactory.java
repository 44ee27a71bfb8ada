package io.pilotlight.engine;

import io.pilotlight.topology.DataStore;
import java.util.Map;

/**
 * Opens the engine of a data store. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.pilotlight.engine.EngineFactory} line), so a new engine is a new
 * module on the class path, not a change to the orchestrator or the drill.
 */
public interface EngineFactory {

    /** The engine name it serves, as the topology spells it (embedded, postgres). */
    String engine();

    /**
     * @param name      the data store's name
     * @param spec      its topology entry
     * @param endpoints region to where that region's copy answers (the engine's own form: a URL, a JDBC URL)
     * @param restorer  brings a region's copy up from the latest backup (backup and restore); null when none
     */
    DataStoreEngine open(String name, DataStore spec, Map<String, String> endpoints, Restorer restorer);

    /** Starts a region's copy from the latest backup (the lab's compute provider, an operator's script). */
    @FunctionalInterface
    interface Restorer {
        /** @return what was done, in one sentence */
        String startFromLatestBackup(String store, String region) throws Exception;
    }
}
