package io.pilotlight.topology.load;

import io.pilotlight.topology.Topology;

/** A valid topology and where each of its fields was written. */
public record LoadedTopology(Topology topology, SourceMap sources) {
}
