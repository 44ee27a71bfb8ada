package io.pilotlight.health;

import io.pilotlight.topology.InitialState;

/**
 * One checker's view of one endpoint: its verdict, and the current run of identical results
 * ({@code streak} results in a row, all healthy or all failed as {@code lastHealthy} says).
 */
record ThresholdState(HealthStatus status, boolean lastHealthy, int streak) {

    static ThresholdState initial(InitialState initial) {
        return new ThresholdState(initial == InitialState.UNKNOWN ? HealthStatus.UNKNOWN : HealthStatus.HEALTHY, false, 0);
    }
}
