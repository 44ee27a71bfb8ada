package io.pilotlight.planner;

import static io.pilotlight.topology.Durations.format;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.ReplicationMode;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** RPO bound per data store: sync is 0, async is its lag bound, a backup is its interval. */
public final class RpoEstimator {
    private RpoEstimator() {
    }

    public static RpoEstimate estimate(Topology topology) {
        List<StoreRpo> stores = new ArrayList<>();
        topology.dataStores().forEach((name, store) -> stores.add(of(name, store)));
        return new RpoEstimate(List.copyOf(stores));
    }

    static StoreRpo of(String name, DataStore store) {
        String path = "data_stores." + name;
        if (store.kind() == DataStoreKind.BACKUP) {
            return new StoreRpo(name, store, store.interval(), "writes since the last backup, at most one interval ("
                    + format(store.interval()) + ")", path + ".interval");
        }
        if (store.replication().mode() == ReplicationMode.SYNC) {
            return new StoreRpo(name, store, Duration.ZERO,
                    "synchronous: a write is acknowledged only once another region has it", path + ".replication.mode");
        }
        return new StoreRpo(name, store, store.replication().lagBound(), "asynchronous: what has not replicated, at most the lag bound ("
                + format(store.replication().lagBound()) + ")", path + ".replication.lag_bound");
    }
}
