package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;

public record Capacity(
        @Doc("Instances while the region is serving.") @Bounds(min = "0", max = "10000") int active,
        @Doc("Instances while the region is a standby (0 for pilot light).") @Default("0") @Bounds(min = "0", max = "10000") int standby) {
}
