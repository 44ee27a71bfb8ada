package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;

public record FailoverRoutingPolicy(@Doc("PRIMARY or SECONDARY.") FailoverRole type) {
}
