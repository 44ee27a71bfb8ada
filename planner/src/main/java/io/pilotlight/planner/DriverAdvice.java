package io.pilotlight.planner;

/**
 * The answer for the reason behind the requirement. For a regional outage it is a multi-region
 * pattern; the other drivers have a cheaper answer that is not one of the four patterns.
 *
 * @param recommendation short name of what to build, e.g. {@code multi-az}
 * @param multiRegionNeeded whether one of the four multi-region patterns is the answer
 */
public record DriverAdvice(String recommendation, boolean multiRegionNeeded, String reason) {
}
