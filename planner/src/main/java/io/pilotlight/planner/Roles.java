package io.pilotlight.planner;

import io.pilotlight.topology.Region;
import io.pilotlight.topology.RegionRole;
import io.pilotlight.topology.Topology;
import java.util.Map;
import java.util.Optional;

/** Which region serves now and which one a failover moves to. */
final class Roles {
    private Roles() {
    }

    static boolean allActive(Topology topology) {
        return topology.regions().values().stream().anyMatch(r -> r.role() == RegionRole.ACTIVE) // a witness serves nothing
                && topology.regions().values().stream().allMatch(r -> r.role() == RegionRole.ACTIVE || r.role() == RegionRole.WITNESS);
    }

    static Optional<String> primary(Topology topology) {
        return first(topology.regions(), RegionRole.PRIMARY);
    }

    /** The failover target: the first standby region as written in the file. */
    static Optional<String> failoverTarget(Topology topology) {
        return first(topology.regions(), RegionRole.STANDBY);
    }

    private static Optional<String> first(Map<String, Region> regions, RegionRole role) {
        return regions.entrySet().stream().filter(e -> e.getValue().role() == role).map(Map.Entry::getKey).findFirst();
    }
}
