package io.pilotlight.dns;

import java.util.Locale;

/**
 * The judgement of {@link UdpSteering#AUTO}: steering by CPU pays when queries arrive on every CPU (no
 * cross-CPU wake-ups) and costs when they arrive mostly on one, because one thread then does all the
 * work on the CPU it shares with whatever delivers the packets while the other threads idle (measured:
 * docs/benchmarks.md). So: by CPU unless one CPU received more than twice its even share of a window's
 * queries, and never more than 70 % (the limit for two CPUs).
 */
final class SteeringPolicy {
    private SteeringPolicy() {
    }

    /** Whether to steer by CPU, and why. */
    record Verdict(boolean byCpu, String reason) {
    }

    /** The share of a window's queries above which one CPU is said to receive them all. */
    static double concentrationLimit(int cpus) {
        return Math.min(0.7, 2.0 / cpus);
    }

    /**
     * @param queriesByCpu how many queries each CPU received in the window (index = CPU number)
     * @param minimum      fewer queries than this in the window are too few to judge
     * @param windowMillis the window's length, for the reason
     */
    static Verdict judge(long[] queriesByCpu, long minimum, long windowMillis) {
        long total = 0;
        int busiest = 0;
        for (int cpu = 0; cpu < queriesByCpu.length; cpu++) {
            total += queriesByCpu[cpu];
            if (queriesByCpu[cpu] > queriesByCpu[busiest]) {
                busiest = cpu;
            }
        }
        if (total < minimum) {
            return new Verdict(true, String.format(Locale.ROOT, "%,d queries in %d ms, too few to judge", total, windowMillis));
        }
        double share = (double) queriesByCpu[busiest] / total;
        double limit = concentrationLimit(queriesByCpu.length);
        String where = String.format(Locale.ROOT, "%.0f%% of the %,d queries in %d ms arrived on CPU %d", share * 100, total,
                windowMillis, busiest);
        if (share > limit) {
            return new Verdict(false, where + String.format(Locale.ROOT, " (over %.0f%%): one thread would do all the work", limit * 100));
        }
        return new Verdict(true, where + String.format(Locale.ROOT, " (at most %.0f%%): they arrive on every CPU", limit * 100));
    }
}
