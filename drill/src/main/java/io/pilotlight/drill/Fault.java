package io.pilotlight.drill;

/** What a drill breaks at t0, and how it puts things back once the measurement is done. */
public interface Fault {
    /** The scenario's name as the topology spells it, e.g. region-outage. */
    String scenario();

    /** One line for the progress display, e.g. "killing region us-east-1 (its store node and instances)". */
    String describe();

    /** Injects the fault; must return quickly (a planned switchover runs in the background). */
    void inject() throws Exception;

    /** Ends the fault after the measurement (heals links, stops errors); returns what it found, or null. */
    default String heal() throws Exception {
        return null;
    }

    /**
     * The target's copy of the data is still there once the fault is healed, so it must rejoin and its lost-writes ledger
     * be checked (partition, gray failure, switchover); false when the fault destroyed it (a region outage).
     */
    default boolean targetSurvives() {
        return true;
    }

    /**
     * The change the fault set off has run its course, so the measurement may end: a planned switchover's runbook has
     * exited. Until then clients that still succeed are not yet a recovery (the write gap may be still to come).
     */
    default boolean settled() {
        return true;
    }

    /** A planned change has nothing to detect and nothing to decide. */
    default boolean planned() {
        return false;
    }
}
