package io.pilotlight.topology.load;

import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.ReplicationMode;

/** Data stores: a writer for a global database, a replication mode where copies exist, an interval for backups. */
final class DataStoreRules {
    private final CheckContext context;

    DataStoreRules(CheckContext context) {
        this.context = context;
    }

    void check() {
        context.topology.dataStores().forEach((name, store) -> check(Paths.key("data_stores", name), store));
    }

    private void check(String path, DataStore store) {
        for (int i = 0; i < store.regions().size(); i++) {
            context.requireServingRegion(Paths.index(Paths.key(path, "regions"), i), store.regions().get(i));
        }
        DataStoreKind kind = store.kind();
        if (kind == null) {
            return;
        }
        if (kind == DataStoreKind.GLOBAL_DATABASE) {
            if (store.writer() == null) {
                context.report(path, "a global-database needs writer: the one region that accepts writes");
            } else {
                context.requireServingRegion(Paths.key(path, "writer"), store.writer());
                if (!store.regions().isEmpty() && !store.regions().contains(store.writer())) {
                    context.report(Paths.key(path, "writer"), "writer \"" + store.writer() + "\" is not one of the store's regions "
                            + store.regions());
                }
            }
        } else if (store.writer() != null) {
            context.report(Paths.key(path, "writer"), "writer applies to a global-database only; a " + wire(kind)
                    + (kind == DataStoreKind.GLOBAL_TABLE ? " accepts writes in every region" : " has no writer role"));
        }
        checkReplication(path, store, kind);
        if (kind == DataStoreKind.BACKUP) {
            if (store.interval() == null) {
                context.report(path, "a backup needs interval: the time between two backups, which bounds its RPO");
            }
        } else {
            if (store.interval() != null) {
                context.report(Paths.key(path, "interval"), "interval applies to kind: backup only");
            }
            if (store.restoreTime() != null) {
                context.report(Paths.key(path, "restore_time"), "restore_time applies to kind: backup only");
            }
        }
    }

    private void checkReplication(String path, DataStore store, DataStoreKind kind) {
        if (kind == DataStoreKind.BACKUP) {
            return;
        }
        if (store.replication() == null) {
            context.report(path, "a " + wire(kind) + " needs replication: {mode: async, lag_bound: 1s} or {mode: sync}");
            return;
        }
        if (store.replication().mode() == ReplicationMode.ASYNC && store.replication().lagBound() == null) {
            context.report(Paths.key(path, "replication"), "async replication needs lag_bound: the largest lag allowed, which is the store's RPO bound");
        }
        if (store.replication().mode() == ReplicationMode.SYNC && store.replication().lagBound() != null) {
            context.report(Paths.key(Paths.key(path, "replication"), "lag_bound"), "lag_bound applies to async replication; sync has no lag (RPO 0)");
        }
        if (store.replication().rpoGuard() != null && (store.replication().mode() != ReplicationMode.ASYNC || store.replication().lagBound() == null)) {
            context.report(Paths.key(Paths.key(path, "replication"), "rpo_guard"),
                    "rpo_guard enforces lag_bound: it needs mode: async with a lag_bound (sync already waits for a replica)");
        }
    }

    private static String wire(DataStoreKind kind) {
        return io.pilotlight.topology.spec.WireNames.of(kind);
    }
}
