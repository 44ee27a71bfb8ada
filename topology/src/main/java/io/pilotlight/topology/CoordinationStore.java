package io.pilotlight.topology;

public enum CoordinationStore {
    /** An etcd cluster with members in the regions the topology lists. */
    ETCD,
    /** The one-machine coordinator of the lab and the tests. */
    IN_PROCESS
}
