package io.pilotlight.dns;

import java.util.Locale;

/**
 * The judgement of {@link UdpSteering#AUTO}, once a window, while steering by CPU. Steering by CPU pays
 * when queries arrive on every CPU and every CPU has work (no cross-CPU wake-ups: about 1.45 times the
 * queries per second of the hash on 2 CPUs). It costs when one CPU gets the work and another idles,
 * which the kernel's hash would put to work. Two signs of that, either enough to leave for the hash:
 * <ul>
 *   <li>one CPU received more than twice its even share of the window's queries, and more than 90 %
 *       at most (the limit with 2 CPUs): e.g. a single-queue NIC;</li>
 *   <li>the busiest thread took {@value #QUEUEING} or more queries per receive call (half its batch:
 *       queries wait for it) while another CPU was busy {@value #IDLE_BUSY_PERCENT} % of the time or
 *       less: e.g. one sender on loopback, which shares its CPU with the thread answering it and which
 *       the scheduler moves between the CPUs, so that the shares alone look even.</li>
 * </ul>
 * A server that is not saturated takes a few queries per call (5 to 6 measured at 60,000 and 150,000
 * a second) and stays steered by CPU, which costs it less CPU per query (docs/benchmarks.md).
 */
final class SteeringPolicy {
    /** Queries per receive call from which queries are said to queue up (the batch is 32). */
    static final int QUEUEING = 16;
    /** A CPU busy this share of the time or less is said to idle. */
    static final int IDLE_BUSY_PERCENT = 70;

    private SteeringPolicy() {
    }

    /**
     * What one window showed, index = CPU = thread while steering by CPU.
     *
     * @param queries  queries each thread took
     * @param receives receive calls that brought each thread queries
     * @param busy     share of the window each CPU was busy (/proc/stat); null when unknown
     * @param millis   the window's length
     */
    record Window(long[] queries, long[] receives, double[] busy, long millis) {
    }

    /** Whether to steer by CPU, and why. */
    record Verdict(boolean byCpu, String reason) {
    }

    /** The share of a window's queries above which one CPU is said to receive them all. */
    static double concentrationLimit(int cpus) {
        return Math.min(0.9, 2.0 / cpus);
    }

    /** @param minimum fewer queries than this in the window are too few to judge */
    static Verdict judge(Window window, long minimum) {
        long[] queries = window.queries();
        long total = 0;
        int busiest = 0;
        for (int cpu = 0; cpu < queries.length; cpu++) {
            total += queries[cpu];
            if (queries[cpu] > queries[busiest]) {
                busiest = cpu;
            }
        }
        if (total < minimum) {
            return new Verdict(true, String.format(Locale.ROOT, "%,d queries in %d ms, too few to judge", total, window.millis()));
        }
        double share = (double) queries[busiest] / total;
        double limit = concentrationLimit(queries.length);
        String where = String.format(Locale.ROOT, "%.0f%% of the %,d queries in %d ms arrived on CPU %d", share * 100, total,
                window.millis(), busiest);
        if (share > limit) {
            return new Verdict(false, where + String.format(Locale.ROOT, " (over %.0f%%): one thread would do all the work", limit * 100));
        }
        double perReceive = (double) queries[busiest] / Math.max(1, window.receives()[busiest]);
        int idlest = idlestOtherThan(window.busy(), busiest);
        if (perReceive >= QUEUEING && idlest >= 0 && window.busy()[idlest] * 100 <= IDLE_BUSY_PERCENT) {
            return new Verdict(false, String.format(Locale.ROOT,
                    "thread %d took %.0f queries per receive call (they queue up) while CPU %d was busy %.0f%% of the %d ms"
                            + " (%,d queries): the hash would put it to work", busiest, perReceive, idlest, window.busy()[idlest] * 100,
                    window.millis(), total));
        }
        return new Verdict(true, where + String.format(Locale.ROOT, " (at most %.0f%%) and every CPU has work", limit * 100));
    }

    private static int idlestOtherThan(double[] busy, int cpu) {
        int idlest = -1;
        for (int other = 0; busy != null && other < busy.length; other++) {
            if (other != cpu && (idlest < 0 || busy[other] < busy[idlest])) {
                idlest = other;
            }
        }
        return idlest;
    }
}
