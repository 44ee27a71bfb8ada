package io.pilotlight.planner;

import java.time.Duration;
import java.util.List;

/** The estimated worst-case RTO of a topology, term by term. */
public record RtoEstimate(List<RtoTerm> terms) {

    public Duration total() {
        return terms.stream().map(RtoTerm::estimate).reduce(Duration.ZERO, Duration::plus);
    }

    public RtoTerm term(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
