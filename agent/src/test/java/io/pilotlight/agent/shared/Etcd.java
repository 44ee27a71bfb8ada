package io.pilotlight.agent.shared;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.agent.etcd.EtcdUnreachableException;
import io.pilotlight.store.coord.EtcdProcess;
import java.time.Duration;

/** etcd clients for tests: a 2 s deadline (a loaded 2-core machine), connected before the test starts. */
final class Etcd {
    private Etcd() {
    }

    /** A client whose first call (channel set-up, class loading) has been made, so the test's first call is not the slow one. */
    static EtcdKv client(EtcdProcess etcd, String prefix) throws InterruptedException {
        EtcdKv kv = new EtcdKv(etcd.target(prefix), Duration.ofSeconds(2));
        for (int attempt = 0; ; attempt++) {
            try {
                kv.get("warm-up");
                return kv;
            } catch (EtcdUnreachableException e) {
                if (attempt == 5) {
                    throw new AssertionError("etcd does not answer: " + e.getMessage(), e);
                }
                Thread.sleep(200);
            }
        }
    }
}
