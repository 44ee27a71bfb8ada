package io.pilotlight.orchestrator.runbook;

/** The kinds of runbook steps; each is idempotent, so a resumed runbook may safely run a step again. */
public enum StepKind {
    /** Make sure the old writer can no longer acknowledge writes (its lease has lapsed or it stepped down). */
    FENCE_OLD_WRITER,
    /** Promote the target region's replica to writer (a new epoch). */
    PROMOTE_REPLICA,
    /** Restore the latest backup into the target region's store. */
    RESTORE_BACKUP,
    /** Run the service's full capacity in the target region. */
    SCALE_UP,
    /** Wait until the target region's instances pass their health check. */
    WAIT_HEALTHY,
    /** Switch the routing controls: the failed region's record set members off, the target's on. */
    FLIP_DNS,
    /** Take the failed region out of DNS (active-active). */
    WITHDRAW_REGION,
    /** Ask the DNS server until it answers with the target region's address. */
    VERIFY_DNS,
    /** Planned switchover of the store back to the target region (failback). */
    SWITCHOVER_STORE,
    /** Return the region to its standby capacity. */
    SCALE_DOWN
}
