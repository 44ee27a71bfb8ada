package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Drill(
        @Doc("Name of the drill, used in history and reports.") String name,
        @Doc("What is broken: region-outage, partition, gray-failure, or switchover.") DrillScenario scenario,
        @Doc("Region the fault is injected into; the primary when left out.") @Omittable String target,
        @Doc("How often the drill must pass, e.g. 7d; a plan is untested when no drill passed within it.") @Bounds(min = "1m") Duration every) {
}
