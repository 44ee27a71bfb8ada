package io.pilotlight.health;

import java.util.SplittableRandom;

/**
 * Where in its first interval each (check, checker) pair starts, so that checks with the same
 * interval do not all fire at once. Deterministic: the same seed, check and checker give the same
 * offset on every run.
 */
final class Stagger {
    private Stagger() {
    }

    static long offsetNanos(long seed, String check, String vantage, long intervalNanos) {
        long key = 31L * check.hashCode() + vantage.hashCode();
        return new SplittableRandom(seed ^ (key * 0x9E3779B97F4A7C15L)).nextLong(intervalNanos);
    }
}
