package io.pilotlight.topology.load;

import io.pilotlight.topology.Coordination;
import io.pilotlight.topology.CoordinationStore;
import io.pilotlight.topology.Region;
import io.pilotlight.topology.RegionRole;
import java.util.Map;

/** The coordination store's members: in known regions, at least one, and every witness region holding one. */
final class CoordinationRules {
    private final CheckContext context;

    CoordinationRules(CheckContext context) {
        this.context = context;
    }

    void check() {
        Coordination coordination = context.topology.coordination();
        if (coordination != null && coordination.store() != null) {
            checkMembers(coordination);
        }
        context.topology.regions().forEach((name, region) -> checkWitness(name, region, coordination));
    }

    private void checkMembers(Coordination coordination) {
        Map<String, Integer> members = coordination.members();
        if (coordination.store() == CoordinationStore.IN_PROCESS) {
            if (!members.isEmpty()) {
                context.report("coordination.members", "members apply to store: etcd; the in-process coordinator is one process on"
                        + " one machine. Write store: etcd to place etcd members, or leave members out");
            }
            return;
        }
        members.keySet().forEach(region -> context.requireRegion(Paths.key("coordination.members", region), region));
        if (coordination.total() == 0) {
            context.report(members.isEmpty() ? "coordination" : "coordination.members",
                    "no etcd members; store: etcd needs at least one member, and one in each of three regions to survive the loss"
                            + " of any region, e.g. members: {us-east-1: 1, us-west-2: 1, eu-west-1: 1}");
        }
    }

    private void checkWitness(String name, Region region, Coordination coordination) {
        if (region.role() != RegionRole.WITNESS) {
            return;
        }
        boolean holdsMember = coordination != null && coordination.store() == CoordinationStore.ETCD
                && coordination.members().getOrDefault(name, 0) > 0;
        if (!holdsMember) {
            context.report(Paths.key(Paths.key("regions", name), "role"), "a witness region holds only a coordination member, but "
                    + name + " holds none; add coordination: {store: etcd, members: {" + name + ": 1, ...}}, or give it another role");
        }
    }
}
