package io.pilotlight.drill.session;

import io.pilotlight.topology.Drill;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.spec.WireNames;
import java.nio.file.Path;

/**
 * What {@code drill run} breaks: {@code --scenario}/{@code --target} as given, or, with {@code --drill NAME},
 * that drill's entry in the topology (an explicit option that contradicts it is bad input, since the run is
 * recorded under the drill's name).
 *
 * @param drill  the scheduled drill's name, null when run by hand
 * @param target the region to break, null for the primary
 */
public record DrillChoice(String drill, DrillScenario scenario, String target) {

    public static DrillChoice of(Topology topology, Path file, String drillName, String scenarioOption, String targetOption) {
        if (drillName == null) {
            return new DrillChoice(null, scenarioOf(scenarioOption != null ? scenarioOption : "region-outage"), targetOption);
        }
        Drill drill = topology.drills().stream().filter(d -> d.name().equals(drillName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--drill \"" + drillName + "\" is not a drill of " + file + "; drills: "
                        + topology.drills().stream().map(Drill::name).toList()));
        if (scenarioOption != null && scenarioOf(scenarioOption) != drill.scenario()) {
            throw new IllegalArgumentException("--scenario " + scenarioOption + " contradicts drill " + drillName + ", whose scenario is "
                    + WireNames.of(drill.scenario()) + "; leave --scenario out");
        }
        if (targetOption != null && drill.target() != null && !targetOption.equals(drill.target())) {
            throw new IllegalArgumentException("--target " + targetOption + " contradicts drill " + drillName + ", whose target is "
                    + drill.target() + "; leave --target out");
        }
        return new DrillChoice(drillName, drill.scenario(), targetOption != null ? targetOption : drill.target());
    }

    /** A scenario as the topology and --scenario spell it (region-outage, partition, gray-failure, switchover). */
    public static DrillScenario scenarioOf(String name) {
        for (DrillScenario candidate : DrillScenario.values()) {
            if (candidate.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--scenario \"" + name + "\" is unknown; allowed: region-outage, partition, gray-failure, switchover");
    }
}
