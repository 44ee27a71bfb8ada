package io.pilotlight.planner;

import io.pilotlight.topology.Durations;
import io.pilotlight.topology.ResiliencePattern;
import io.pilotlight.topology.spec.WireNames;
import java.time.Duration;

/**
 * What a pattern can achieve at best and what it costs, from the seed article's table.
 *
 * @param rtoFloor the shortest recovery time the pattern can honestly promise
 * @param rpoFloor the least data loss (as time) the pattern can honestly promise
 * @param relativeCost cost relative to running in one region
 */
public record PatternProfile(ResiliencePattern pattern, String rtoClass, Duration rtoFloor, String rpoClass,
                             Duration rpoFloor, double relativeCost, String costLabel, String howItWorks) {

    public String name() {
        return WireNames.of(pattern);
    }

    public boolean meets(Duration rto, Duration rpo) {
        return rto.compareTo(rtoFloor) >= 0 && rpo.compareTo(rpoFloor) >= 0;
    }

    public String rtoClassWithFloor() {
        return rtoClass + " (>= " + Durations.format(rtoFloor) + ")";
    }

    public String rpoClassWithFloor() {
        return rpoClass + " (>= " + Durations.format(rpoFloor) + ")";
    }
}
