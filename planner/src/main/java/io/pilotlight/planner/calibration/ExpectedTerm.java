package io.pilotlight.planner.calibration;

import java.time.Duration;

/**
 * One RTO term: the declared worst case, what drills measured, and the value the expected RTO uses.
 *
 * @param measured   null when no drill of this topology and scenario measured the term
 * @param expected   the measured median when there is one, else the term's share of the declared critical path
 * @param used       in plain words: "measured median of 5 drills", or why the declared figure is used
 */
public record ExpectedTerm(String name, Duration declared, TermSample measured, Duration expected, String used) {
}
