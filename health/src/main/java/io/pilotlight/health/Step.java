package io.pilotlight.health;

/** The threshold machine's decision on one result: the new state, whether the verdict changed, and why. */
record Step(ThresholdState state, boolean changed, String reason) {
}
