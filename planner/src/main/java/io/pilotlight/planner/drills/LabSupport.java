package io.pilotlight.planner.drills;

import io.pilotlight.topology.Coordination;
import io.pilotlight.topology.CoordinationStore;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the lab on this machine can run a topology's drills today, and if not, exactly what
 * stops it: a drill that cannot run must fail at once with the reason, and {@code plan} must not
 * tell the user to run it.
 */
public final class LabSupport {
    private LabSupport() {
    }

    /** What the lab cannot run in this topology; empty when it can drill it. */
    public static List<String> missing(Topology topology) {
        List<String> missing = new ArrayList<>();
        if (topology.regions().values().stream().noneMatch(r -> r.role() == RegionRole.PRIMARY)) {
            missing.add("a primary region (the drill breaks the primary and watches the standby take over; an active-active"
                    + " topology has none)");
        }
        if (topology.regions().values().stream().noneMatch(r -> r.role() == RegionRole.STANDBY)) {
            boolean witness = topology.regions().values().stream().anyMatch(r -> r.role() == RegionRole.WITNESS);
            missing.add("a standby region to fail over to" + (witness ? " (a witness region holds only a coordination member: there"
                    + " is nothing in it to fail over to)" : ""));
        }
        Coordination coordination = topology.coordination();
        if (coordination != null && coordination.store() == CoordinationStore.ETCD) {
            missing.add("coordination through etcd (members in " + String.join(", ", coordination.members().keySet())
                    + "): the lab runs the one-machine in-process coordinator and no witness region so far, so its drill would not"
                    + " exercise the etcd cluster this topology declares");
        }
        for (Map.Entry<String, DataStore> store : topology.dataStores().entrySet()) {
            DataStore data = store.getValue();
            if (data.kind() == DataStoreKind.OBJECT_REPLICATION) {
                continue; // not run in the lab, and not what a drill measures: it does not stop one
            }
            if (data.kind() == DataStoreKind.GLOBAL_TABLE) {
                missing.add("data store " + store.getKey() + " (kind global-table): the lab runs only the embedded global database"
                        + " and backups so far");
            } else if (!List.of("embedded", "postgres").contains(data.engine())) {
                missing.add("data store " + store.getKey() + " (engine " + data.engine() + "): the lab runs engine: embedded and postgres");
            }
        }
        // HTTPS: the lab's sample service serves the lab's own certificate (LabCertificate), as the health checks expect
        return List.copyOf(missing);
    }

    /** One sentence for a user: what the lab needs and this topology lacks. */
    public static String explain(Topology topology) {
        return "the lab cannot drill " + topology.name() + " yet: it needs " + String.join("; ", missing(topology));
    }
}
