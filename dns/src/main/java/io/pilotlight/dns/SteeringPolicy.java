package io.pilotlight.dns;

import java.util.Locale;

/**
 * The judgement of {@link UdpSteering#AUTO}: steering by CPU pays when queries arrive on every CPU (no
 * cross-CPU wake-ups: about 1.45 times the queries per second of the hash on 2 CPUs) and costs when they
 * all arrive on one, because one thread then does all the work on the CPU that also takes every packet
 * in, while the other threads idle. So: by CPU unless one CPU received more than twice its even share of
 * a window's queries, and more than 90 % at most (the limit for two CPUs). The limit is high on purpose:
 * in between, steering by CPU loses little (measured 3 % with one sender on loopback, whose thread the
 * scheduler moves between the CPUs so that 50 to 100 % of a second's queries arrive on one), and wrongly
 * leaving it loses about a third (docs/benchmarks.md).
 */
final class SteeringPolicy {
    private SteeringPolicy() {
    }

    /** Whether to steer by CPU, and why. */
    record Verdict(boolean byCpu, String reason) {
    }

    /** The share of a window's queries above which one CPU is said to receive them all. */
    static double concentrationLimit(int cpus) {
        return Math.min(0.9, 2.0 / cpus);
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
