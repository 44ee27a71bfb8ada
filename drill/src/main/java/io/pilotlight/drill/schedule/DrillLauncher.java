package io.pilotlight.drill.schedule;

import io.pilotlight.topology.Drill;

/** Runs one scheduled drill to its end (in production a child {@code pilotlight drill run FILE --drill NAME}). */
@FunctionalInterface
public interface DrillLauncher {
    /** @return the run's exit code: 0 met, 1 missed, anything else an error */
    int run(Drill drill) throws Exception;
}
