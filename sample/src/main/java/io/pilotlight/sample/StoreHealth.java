package io.pilotlight.sample;

import io.pilotlight.store.admin.StoreAdminClient;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.Role;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The deep part of {@code /healthz}: can this instance's region still serve writes? Its store node
 * must answer, and be a writer holding its lease or a replica that heard from a writer recently.
 * A region cut off from the others (its writer's lease lapsed, its replica hears nobody) thus
 * fails its health check, and the failover routing moves clients away from it.
 */
final class StoreHealth {
    /** A replica that has not heard from a writer for this long cannot have its writes forwarded either. */
    static final Duration REPLICA_SILENCE = Duration.ofSeconds(10);

    private final StoreAdminClient store;
    private final Clock clock;

    StoreHealth(String storeUrl, Clock clock) {
        this.store = new StoreAdminClient(storeUrl);
        this.clock = clock;
    }

    /** Null when healthy, else why not. */
    String problem() {
        NodeStatus status;
        try {
            status = store.statusOrThrow();
        } catch (IOException e) {
            return "the region's store node does not answer (" + e.getClass().getSimpleName() + ")";
        }
        return judge(status, clock.millis());
    }

    static String judge(NodeStatus status, long nowMillis) {
        if (status.role() == Role.WRITER) {
            return status.leaseValid() ? null : "the region's writer has lost its lease";
        }
        long silence = nowMillis - status.lastContactMillis();
        return silence <= REPLICA_SILENCE.toMillis() ? null
                : "the region's replica has not heard from a writer for " + Math.min(silence, 99_999_000) / 1000 + "s";
    }
}
