package io.pilotlight.drill.session;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Makes sure a drill writes exactly one history line however it ends, as docs/drills.md promises:
 * its verdict when it finishes, {@code error} with the reason when it fails (the lab did not start or
 * never got ready), {@code interrupted} when a signal (Ctrl-C, SIGTERM) stops the JVM while it runs.
 * The interruption is recorded by a shutdown hook, installed for the drill's duration.
 */
public final class UnfinishedDrill implements AutoCloseable {
    private final DrillHistory history;
    private final Instant startedAt;
    private final String topology;
    private final String drill;
    private final DrillScenario scenario;
    private final String target;
    private final Supplier<Instant> faultAt;
    private final PrintWriter err;
    private final java.time.Clock clock;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private final Thread hook;
    private volatile Runnable onInterrupt = () -> { };

    public UnfinishedDrill(DrillHistory history, Instant startedAt, String topology, String drill, DrillScenario scenario, String target,
                    Supplier<Instant> faultAt, PrintWriter err, java.time.Clock clock) {
        this.clock = clock;
        this.history = history;
        this.startedAt = startedAt;
        this.topology = topology;
        this.drill = drill;
        this.scenario = scenario;
        this.target = target;
        this.faultAt = faultAt;
        this.err = err;
        this.hook = new Thread(this::interrupted, "drill-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What to stop when the drill is interrupted (its lab), after the history line is written. */
    public void onInterrupt(Runnable action) {
        this.onInterrupt = action;
    }

    /** The finished drill's own record; nothing else is recorded after it. */
    public void finished(DrillRecord record) throws IOException {
        if (recorded.compareAndSet(false, true)) {
            history.append(record);
        }
    }

    /**
     * The drill failed: records verdict error with the reason, unless a verdict was already recorded
     * (an interruption makes the drill fail too, but it was an interruption).
     *
     * @return whether this failure was recorded
     */
    public boolean failed(Exception e) {
        return record(DrillVerdict.ERROR, oneLine(e));
    }

    /** A reason fits on one history line and in one table cell. */
    public static String oneLine(Exception e) {
        String text = e.getMessage() != null ? e.getMessage() : e.toString();
        return text.strip().replaceAll("\\s*\\R+\\s*", " ");
    }

    private String reasonAt(String what) {
        Instant fault = faultAt.get();
        return fault == null ? what + " before the fault was injected"
                : what + " " + Duration.between(fault, clock.instant()).toSeconds() + "s after the fault was injected; nothing was measured";
    }

    private void interrupted() {
        record(DrillVerdict.INTERRUPTED, reasonAt("interrupted (Ctrl-C or SIGTERM)"));
        onInterrupt.run();
    }

    private boolean record(DrillVerdict verdict, String reason) {
        if (!recorded.compareAndSet(false, true)) {
            return false;
        }
        Instant fault = faultAt.get();
        try {
            history.append(DrillRecord.unfinished(fault != null ? fault : startedAt, topology, drill, scenario, target, verdict, reason));
            err.println("drill: recorded verdict " + verdict.wireName() + " in " + history.file()
                    + (verdict == DrillVerdict.INTERRUPTED ? ": " + reason : ""));
        } catch (IOException | RuntimeException e) {
            err.println("drill: could not record verdict " + verdict.wireName() + " in " + history.file() + ": " + e.getMessage());
        }
        err.flush();
        return true;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the JVM is stopping
        }
    }
}
