package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Network(
        @Doc("Round-trip time between any two regions, e.g. 40ms; the lab puts half of it on each direction of every inter-region link (replication, coordinator) through the fault-injecting proxy.")
        @Omittable @Bounds(max = "60s") Duration roundTrip) {

    public static final Network NONE = new Network(Duration.ZERO);

    public Duration roundTripOrZero() {
        return roundTrip == null ? Duration.ZERO : roundTrip;
    }
}
