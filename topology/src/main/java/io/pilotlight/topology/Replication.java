package io.pilotlight.topology;

import io.pilotlight.topology.spec.Doc;
import io.pilotlight.topology.spec.Omittable;
import java.time.Duration;

public record Replication(
        @Doc("async (acknowledged before other regions have it) or sync (acknowledged once another region has it).") ReplicationMode mode,
        @Doc("Largest replica lag allowed (async); it is the RPO bound of the store.") @Omittable Duration lagBound,
        @Doc("Enforces lag_bound (engine: postgres, as Aurora's rds.global_db_rpo): while no replica is within lag_bound, commits wait "
                + "up to this long for one, then fail. Left out, lag_bound is only the planner's bound.") @Omittable Duration rpoGuard) {

    /** Replication without an RPO guard. */
    public Replication(ReplicationMode mode, Duration lagBound) {
        this(mode, lagBound, null);
    }
}
