package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Doc;
import java.time.Duration;
import java.util.Map;

public record Compute(
        @Doc("Time from starting an instance until it passes its health check.") @Bounds(min = "0s") Duration instanceReadyTime,
        @Doc("Instances per region, keyed by region name, for each role the region can hold.") Map<String, Capacity> capacity) {

    public Compute {
        capacity = capacity == null ? Map.of() : capacity;
    }
}
