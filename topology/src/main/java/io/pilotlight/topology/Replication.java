package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Replication(
        @Doc("async (acknowledged before other regions have it) or sync (acknowledged once another region has it).") ReplicationMode mode,
        @Doc("Largest replica lag allowed (async); it is the RPO bound of the store.") @Omittable Duration lagBound) {
}
