package io.pilotlight.store.engine;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.topology.DataStore;
import java.util.Map;

/** {@code engine: embedded}: Pilotlight's own store, one node per region reached at its admin URL. */
public final class EmbeddedEngineFactory implements EngineFactory {
    @Override
    public String engine() {
        return "embedded";
    }

    @Override
    public DataStoreEngine open(String name, DataStore spec, Map<String, String> endpoints, Restorer restorer) {
        return new EmbeddedEngine(name, spec, endpoints, restorer);
    }
}
