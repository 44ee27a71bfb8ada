package io.pilotlight.planner;

/** Whether one pattern meets the objectives, and why in plain words. */
public record PatternFit(PatternProfile profile, boolean fits, String reason) {
}
