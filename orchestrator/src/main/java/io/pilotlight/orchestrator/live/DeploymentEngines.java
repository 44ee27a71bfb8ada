package io.pilotlight.orchestrator.live;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.EngineFactory;
import io.pilotlight.engine.Engines;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engines of a deployment's data stores, opened on first use (a runbook that never touches a
 * store never needs its engine on the class path). The orchestrator reaches data only through
 * these: it never knows an engine's wire format.
 */
public final class DeploymentEngines implements AutoCloseable {
    private final Topology topology;
    private final DeploymentLayout layout;
    private final EngineFactory.Restorer restorer;
    private final Map<String, DataStoreEngine> open = new LinkedHashMap<>();

    /** @param restorer starts a region's copy from the latest backup (backup and restore); null when the deployment has none */
    public DeploymentEngines(Topology topology, DeploymentLayout layout, EngineFactory.Restorer restorer) {
        this.topology = topology;
        this.layout = layout;
        this.restorer = restorer;
    }

    /** The engine of the data store {@code name}. */
    public synchronized DataStoreEngine engine(String name) {
        DataStore spec = topology.dataStores().get(name);
        if (spec == null) {
            throw new IllegalArgumentException("\"" + name + "\" is not a data store of " + topology.name() + "; data stores: "
                    + topology.dataStores().keySet());
        }
        return open.computeIfAbsent(name, n -> Engines.open(n, spec, layout.endpoints(n), restorer));
    }

    /**
     * The data store whose writer the failover moves (the global database, or the backup that is restored): the one the
     * controller watches for a target's readiness. Empty when the topology has none.
     */
    public Optional<DataStoreEngine> primaryStore() {
        return topology.dataStores().entrySet().stream()
                .filter(e -> e.getValue().kind() == DataStoreKind.GLOBAL_DATABASE || e.getValue().kind() == DataStoreKind.BACKUP)
                .map(Map.Entry::getKey).findFirst().map(this::engine);
    }

    @Override
    public synchronized void close() {
        open.values().forEach(DataStoreEngine::close);
        open.clear();
    }
}
