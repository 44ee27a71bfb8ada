package io.pilotlight.drill.schedule;

import io.pilotlight.topology.Drill;

/** Whether a scheduled drill should run now, and why, in plain words. */
public record ScheduleDecision(Drill drill, boolean due, String reason) {
    @Override
    public String toString() {
        return drill.name() + ": " + (due ? "due" : "not due") + " (" + reason + ")";
    }
}
