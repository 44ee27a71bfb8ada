package io.pilotlight.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One (check, checker) pair on its timer. Each tick only decides and, when the slot runs, starts
 * the blocking probe on a fresh virtual thread, so a hanging endpoint holds nothing but its own
 * thread and never delays any other check.
 */
final class ScheduledProbe implements Runnable {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.health");
    private final String check;
    private final String vantage;
    private final Probe probe;
    private final ProbeSchedule schedule;
    private final HealthBoard board;
    private final ProbeListener listener;
    private final Ticker ticker;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile Thread current;

    ScheduledProbe(String check, String vantage, Probe probe, ProbeSchedule schedule, HealthBoard board,
                   ProbeListener listener, Ticker ticker) {
        this.check = check;
        this.vantage = vantage;
        this.probe = probe;
        this.schedule = schedule;
        this.board = board;
        this.listener = listener;
        this.ticker = ticker;
    }

    /** One tick of the fixed-rate timer. Never throws: an exception would cancel the schedule for good. */
    @Override
    public void run() {
        if (stopped) {
            return;
        }
        try {
            ProbeSchedule.Slot slot = schedule.tick(ticker.nanos(), running.get());
            if (slot.action() != ProbeSchedule.Action.RUN) {
                board.skipped(check, vantage);
                listener.skipped(check, vantage, ProbeSchedule.describe(slot.action()));
                return;
            }
            running.set(true);
            current = Thread.ofVirtual().name("probe " + check + " from " + vantage).start(() -> probeOnce(slot.plannedNanos()));
        } catch (RuntimeException | OutOfMemoryError failure) {
            LOG.log(System.Logger.Level.WARNING, "scheduling " + check + " from " + vantage + " failed; the schedule carries on", failure);
        }
    }

    private void probeOnce(long plannedNanos) {
        try {
            Duration startDelay = Duration.ofNanos(Math.max(0, ticker.nanos() - plannedNanos));
            ProbeResult result = probe.run();
            if (!stopped) {
                board.record(check, vantage, result);
                listener.probed(new ProbeRecord(check, vantage, startDelay, result));
            }
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "probe of " + check + " from " + vantage + " failed unexpectedly; the schedule carries on", failure);
        } finally {
            running.set(false);
        }
    }

    /** Stops ticking; a probe in flight is interrupted, and its result is dropped. */
    void stop() {
        stopped = true;
        Thread inFlight = current;
        if (inFlight != null) {
            inFlight.interrupt();
        }
    }
}
