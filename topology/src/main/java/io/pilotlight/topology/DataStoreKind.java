package io.pilotlight.topology;

public enum DataStoreKind {
    GLOBAL_DATABASE,
    GLOBAL_TABLE,
    OBJECT_REPLICATION,
    BACKUP;

    /** True when only one region may write at a time. */
    public boolean singleWriter() {
        return this == GLOBAL_DATABASE || this == BACKUP;
    }
}
