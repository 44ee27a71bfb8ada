package io.pilotlight.planner.calibration;

import java.time.Duration;
import java.util.List;

/**
 * What drills measured for one RTO term: how many runs, their median and spread (lowest to highest).
 *
 * @param runs the number of drills that measured the term
 */
public record TermSample(int runs, Duration median, Duration min, Duration max) {

    static TermSample of(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new TermSample(n, millis(median), millis(sorted.get(0)), millis(sorted.get(n - 1)));
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
