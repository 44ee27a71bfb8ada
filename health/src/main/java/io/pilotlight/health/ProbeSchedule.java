package io.pilotlight.health;

/**
 * The plan of one (check, checker) pair: slot k starts at {@code first + k × interval}, so the plan
 * never drifts however long probes take. A slot is skipped, not queued, when the previous probe is
 * still running or when the slot is already a whole interval late: probes never pile up.
 */
final class ProbeSchedule {
    enum Action { RUN, SKIP_BUSY, SKIP_LATE }

    /** What to do with one slot, and when it was planned to start. */
    record Slot(long index, long plannedNanos, Action action) {
    }

    private final long firstNanos;
    private final long intervalNanos;
    private long next;

    ProbeSchedule(long firstNanos, long intervalNanos) {
        this.firstNanos = firstNanos;
        this.intervalNanos = intervalNanos;
    }

    long plannedNanos(long index) {
        return firstNanos + index * intervalNanos;
    }

    /** Called once per tick of a fixed-rate timer: decides the next slot. */
    Slot tick(long nowNanos, boolean previousStillRunning) {
        long index = next++;
        long planned = plannedNanos(index);
        Action action;
        if (nowNanos - planned >= intervalNanos) {
            action = Action.SKIP_LATE;
        } else if (previousStillRunning) {
            action = Action.SKIP_BUSY;
        } else {
            action = Action.RUN;
        }
        return new Slot(index, planned, action);
    }

    static String describe(Action action) {
        return switch (action) {
            case RUN -> "ran";
            case SKIP_BUSY -> "previous probe still running";
            case SKIP_LATE -> "slot missed by more than one interval";
        };
    }
}
