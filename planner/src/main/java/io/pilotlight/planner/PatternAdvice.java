package io.pilotlight.planner;

import java.util.List;

/**
 * The planner's answer to "which pattern": every pattern with its fit, the cheapest that fits,
 * and the advice for the driver.
 */
public record PatternAdvice(List<PatternFit> patterns, PatternProfile cheapestFit, String reason, DriverAdvice driverAdvice) {

    /** What to build: the driver's answer when it is not a multi-region one, else the cheapest fitting pattern. */
    public String recommended() {
        return driverAdvice.multiRegionNeeded() ? cheapestFit.name() : driverAdvice.recommendation();
    }
}
