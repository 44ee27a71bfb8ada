package io.pilotlight.dns;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Runs {@link UdpSteering#AUTO} for one SO_REUSEPORT group that starts steered by CPU. Each window it
 * judges ({@link SteeringPolicy}) from how many queries each thread took (while steering by CPU: how
 * many each CPU received), in how many receive calls, and how busy each CPU was. When one CPU gets the
 * work while another idles it hands the group to the kernel's hash, keeps that for the hold, then
 * steers by CPU for one window again to look. It logs only when the settled choice changes, not at
 * each look.
 */
final class AdaptiveSteering implements Runnable {
    /** The group's program and its threads' counters. */
    interface Group {
        void steerByCpu() throws IOException;

        void steerByHash() throws IOException;

        /** Queries taken so far by each thread; thread i is the one on CPU i. */
        long[] queriesByThread();

        /** Receive calls that brought each thread queries, so far. */
        long[] receivesByThread();

        /** Busy and total ticks per CPU ({@link CpuTimes#read}), or null when unknown. */
        long[][] cpuTimes();
    }

    /**
     * Windows in a row that must say "hash" before a settled steering by CPU is left: one window can
     * catch a load starting up (one sender's thread running before the other's). A look back from the
     * hash needs only one to return.
     */
    static final int STRIKES_TO_LEAVE = 2;

    private final Group group;
    private final SteeringTuning tuning;
    private final Consumer<String> log;
    private volatile String state = "by CPU (judging the first window)";

    AdaptiveSteering(Group group, SteeringTuning tuning, Consumer<String> log) {
        this.group = group;
        this.tuning = tuning;
        this.log = log;
    }

    /** The current choice and why, e.g. "by hash (97% of the 280,000 queries in 1000 ms arrived on CPU 0 ...)". */
    String state() {
        return state;
    }

    @Override
    public void run() {
        boolean settledByCpu = true;
        int strikes = 0;
        long windowMillis = tuning.window().toMillis();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long[] queriesBefore = group.queriesByThread();
                long[] receivesBefore = group.receivesByThread();
                long[][] timesBefore = group.cpuTimes();
                Thread.sleep(tuning.window());
                SteeringPolicy.Window window = new SteeringPolicy.Window(since(queriesBefore, group.queriesByThread()),
                        since(receivesBefore, group.receivesByThread()), CpuTimes.busyBetween(timesBefore, group.cpuTimes()), windowMillis);
                SteeringPolicy.Verdict verdict = SteeringPolicy.judge(window, tuning.minimumQueries());
                strikes = verdict.byCpu() ? 0 : strikes + 1;
                if (verdict.byCpu() || (settledByCpu && strikes < STRIKES_TO_LEAVE)) {
                    state = (verdict.byCpu() ? "by CPU (" : "by CPU, leaving if the next second says the same (") + verdict.reason() + ")";
                    if (!settledByCpu) {
                        log.accept("UDP steering by CPU again: " + verdict.reason());
                    }
                    settledByCpu = true;
                } else {
                    group.steerByHash();
                    state = "by hash (" + verdict.reason() + "; looks again every " + tuning.hold().toSeconds() + " s)";
                    if (settledByCpu) {
                        log.accept("UDP steering by the kernel's hash: " + verdict.reason());
                    }
                    settledByCpu = false;
                    strikes = 0;
                    Thread.sleep(tuning.hold());
                    group.steerByCpu();
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            state = "stopped adapting, " + (settledByCpu ? "by CPU" : "by hash") + ": " + e.getMessage();
            log.accept("UDP steering " + state);
        }
    }

    private static long[] since(long[] before, long[] now) {
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - before[i];
        }
        return delta;
    }
}
