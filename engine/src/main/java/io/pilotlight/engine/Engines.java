package io.pilotlight.engine;

import io.pilotlight.topology.DataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the factory of a data store's engine among those on the class path. */
public final class Engines {
    private Engines() {
    }

    public static DataStoreEngine open(String name, DataStore spec, Map<String, String> endpoints, EngineFactory.Restorer restorer) {
        List<String> known = new ArrayList<>();
        for (EngineFactory factory : ServiceLoader.load(EngineFactory.class, Engines.class.getClassLoader())) {
            if (factory.engine().equals(spec.engine())) {
                return factory.open(name, spec, endpoints, restorer);
            }
            known.add(factory.engine());
        }
        throw new IllegalArgumentException("data store " + name + ": engine \"" + spec.engine() + "\" is not available here; available: "
                + known);
    }
}
