package io.pilotlight.topology;

import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;

public record Alias(
        @Doc("Name of the target record set in the same zone.") String name,
        @Doc("Treat this member as unhealthy when the target has no healthy member.") @Default("false") boolean evaluateTargetHealth) {
}
