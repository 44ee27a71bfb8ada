package io.pilotlight.planner;

import io.pilotlight.topology.DataStoreKind;
import io.pilotlight.topology.ResiliencePattern;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.WireNames;

/** The pattern a topology implements: as declared, or as inferred from its regions, compute and data. */
public record TopologyPattern(ResiliencePattern pattern, boolean declared, String basis) {

    public String name() {
        return WireNames.of(pattern);
    }

    public static TopologyPattern of(Topology topology) {
        if (topology.pattern() != null) {
            return new TopologyPattern(topology.pattern(), true, "declared in the file");
        }
        if (Roles.allActive(topology)) {
            return new TopologyPattern(ResiliencePattern.ACTIVE_ACTIVE, false, "inferred: every region is active");
        }
        boolean onlyBackups = !topology.dataStores().isEmpty()
                && topology.dataStores().values().stream().allMatch(s -> s.kind() == DataStoreKind.BACKUP);
        if (onlyBackups) {
            return new TopologyPattern(ResiliencePattern.BACKUP_RESTORE, false, "inferred: data is only backed up");
        }
        String target = Roles.failoverTarget(topology).orElse(null);
        boolean standbyRuns = target != null && topology.compute().values().stream()
                .anyMatch(c -> c.capacity().containsKey(target) && c.capacity().get(target).standby() > 0);
        return standbyRuns
                ? new TopologyPattern(ResiliencePattern.WARM_STANDBY, false, "inferred: the standby region runs compute")
                : new TopologyPattern(ResiliencePattern.PILOT_LIGHT, false, "inferred: data replicates, standby compute is at 0");
    }
}
