package io.pilotlight.planner.calibration;

import java.time.Duration;

/**
 * One RTO term: the declared worst case, what drills measured, and the value the expected RTO uses.
 *
 * @param measured   null when no drill of this topology and scenario measured the term
 * @param expected   the measured median; without drills the term's share of the declared critical path; {@code null}
 *                   when drills ran but none saw the term (their measured RTO already covers the path)
 * @param used       in plain words: "measured median of 5 drills", or why the declared figure is used
 */
public record ExpectedTerm(String name, Duration declared, TermSample measured, Duration expected, String used) {
}
