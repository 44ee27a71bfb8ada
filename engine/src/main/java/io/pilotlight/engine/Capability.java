package io.pilotlight.engine;

/** What an engine can do beyond reporting its state; callers ask before they act. */
public enum Capability {
    PROMOTE,
    SWITCHOVER,
    FENCE,
    REJOIN,
    LOST_WRITES_LEDGER,
    BACKUP,
    RESTORE,
    PROBE_WRITES
}
