package io.pilotlight.store.coord;

import java.time.Duration;

/** The coordinator a node's {@code --coordinator} names: {@code etcd://HOST:PORT[,HOST:PORT...][/prefix]} or the URL of {@code pilotlight store coordinator}. */
public final class Coordinators {
    private Coordinators() {
    }

    /**
     * Opens the coordinator at {@code target}. For etcd it waits up to {@code patience} for a first
     * answer (the first connection is slow) and, if none comes, returns it anyway: every call then
     * answers "unreachable" until etcd answers, and the node waits.
     */
    public static Coordinator open(String target, Duration patience) throws InterruptedException {
        if (EtcdTarget.isEtcd(target)) {
            EtcdCoordinator etcd = new EtcdCoordinator(EtcdTarget.parse(target));
            etcd.awaitReachable(patience);
            return etcd;
        }
        java.net.URI.create(target);
        return new HttpCoordinator(target);
    }
}
