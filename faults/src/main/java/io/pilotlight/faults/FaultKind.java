package io.pilotlight.faults;

/** The kinds of change a random {@link FaultSchedule} may make. */
public enum FaultKind {
    /** Latency and jitter, drawn independently for each direction. */
    LATENCY,
    /** A bandwidth cap, the same both ways. */
    BANDWIDTH,
    /** One direction partitioned, the other clean. */
    ONE_WAY_PARTITION,
    /** Both directions partitioned; new connections are accepted but nothing flows. */
    TWO_WAY_PARTITION,
    /** Both directions partitioned and new connections refused. */
    REFUSE,
    /** Every open connection reset; the faults in force stay. */
    RESET,
    /** Back to no faults. */
    HEAL
}
