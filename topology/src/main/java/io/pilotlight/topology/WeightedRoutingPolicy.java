package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Doc;

public record WeightedRoutingPolicy(
        @Doc("Relative weight; 0 is answered only when every other member is unhealthy.") @Bounds(min = "0", max = "255") int weight) {
}
