package io.pilotlight.planner;

import java.time.Duration;

/**
 * One term of the estimated RTO.
 *
 * @param name  detection, decision delay, data promotion, compute scale-up, standby health, DNS TTL, client DNS cache,
 *              clients sustain
 * @param basis where the figure comes from, in plain words
 * @param path  the topology field that sets it, or empty
 */
public record RtoTerm(String name, Duration estimate, String basis, String path) {
}
