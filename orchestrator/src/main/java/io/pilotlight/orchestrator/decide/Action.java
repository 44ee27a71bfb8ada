package io.pilotlight.orchestrator.decide;

/** What the controller decides to do now. */
public enum Action {
    /** Nothing to do: the primary is healthy, or a failover would not help. */
    NONE,
    /** The primary looks lost; confirming for the decision delay before acting. */
    CONFIRMING,
    /** Manual mode, or anti-flap: an operator must act. */
    ALERT,
    /** Fail over to the target region now. */
    FAIL_OVER
}
