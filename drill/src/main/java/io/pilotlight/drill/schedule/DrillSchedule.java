package io.pilotlight.drill.schedule;

import io.pilotlight.planner.drills.Ages;
import io.pilotlight.planner.drills.DrillCoverage;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.topology.Drill;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which of a topology's drills are due, decided from the history and the instant now alone. A drill is
 * due when it has not passed within its {@code every} (the planner's "untested" rule), except that a
 * drill whose last run missed or errored is retried only {@code retryAfter} after that run, so a
 * broken lab is not hammered with a drill a minute.
 */
public record DrillSchedule(Duration retryAfter) {

    public List<ScheduleDecision> decide(Topology topology, List<DrillRun> runs, Instant now) {
        return topology.drills().stream().map(drill -> decide(DrillCoverage.of(topology, drill, runs, now), now)).toList();
    }

    private ScheduleDecision decide(DrillCoverage coverage, Instant now) {
        Drill drill = coverage.drill();
        String every = "every " + Durations.format(drill.every());
        if (coverage.lastRun().isEmpty()) {
            return new ScheduleDecision(drill, true, "never ran");
        }
        if (coverage.tested()) {
            Instant next = coverage.lastPass().orElseThrow().at().plus(drill.every());
            return new ScheduleDecision(drill, false, "last pass " + ago(coverage.lastPass().orElseThrow(), now) + ", " + every
                    + "; next due in " + Ages.of(Duration.between(now, next)));
        }
        DrillRun lastRun = coverage.lastRun().orElseThrow();
        String lastPass = coverage.lastPass().map(pass -> "last pass " + ago(pass, now)).orElse("never passed");
        if (lastRun.passed()) {
            return new ScheduleDecision(drill, true, lastPass + ", " + every);
        }
        String failed = "last run " + lastRun.verdict().wireName() + " " + ago(lastRun, now);
        Instant retry = lastRun.at().plus(retryAfter);
        if (now.isBefore(retry)) {
            return new ScheduleDecision(drill, false, failed + "; retrying " + Ages.of(retryAfter) + " after a failed run, in "
                    + Ages.of(Duration.between(now, retry)));
        }
        return new ScheduleDecision(drill, true, failed + "; " + lastPass + ", " + every);
    }

    private static String ago(DrillRun run, Instant now) {
        return Ages.of(Duration.between(run.at(), now)) + " ago";
    }
}
