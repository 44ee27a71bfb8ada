package io.pilotlight.drill.schedule;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.planner.drills.DrillCoverage;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.Drill;
import io.pilotlight.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a topology's drills when they are due, one at a time. What ran is known only from the history
 * (each run appends its own record); a run that ends without one (crashed, lab never started) is
 * recorded here with verdict error, so it counts as a failed run and is retried after the back-off.
 * A drill that misses or errors is logged and the schedule carries on.
 */
public final class DrillScheduler {
    /** Waits between checks; tests pass one that returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Topology topology;
    private final DrillHistory history;
    private final DrillSchedule schedule;
    private final DrillLauncher launcher;
    private final Clock clock;
    private final Consumer<String> log;

    public DrillScheduler(Topology topology, DrillHistory history, DrillSchedule schedule, DrillLauncher launcher, Clock clock,
                          Consumer<String> log) {
        this.topology = topology;
        this.history = history;
        this.schedule = schedule;
        this.launcher = launcher;
        this.clock = clock;
        this.log = message -> log.accept(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + message);
    }

    /** What happened to one drill run in a check. */
    public record Outcome(Drill drill, DrillVerdict verdict) {
    }

    /** Checks once and runs every drill that is due, one after the other. */
    public List<Outcome> runDue() {
        DrillHistory.Contents contents = history.read();
        contents.warnings().forEach(log);
        List<ScheduleDecision> decisions = schedule.decide(topology, contents.records().stream().map(DrillRecord::asRun).toList(),
                clock.instant());
        decisions.stream().filter(d -> !d.due()).forEach(d -> log.accept("drill " + d.drill().name() + " not due: " + d.reason()));
        return decisions.stream().filter(ScheduleDecision::due).map(this::runOne).toList();
    }

    /** Checks every {@code checkEvery} until interrupted. */
    public void runForever(Duration checkEvery, Sleeper sleeper) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            runDue();
            sleeper.sleep(checkEvery);
        }
    }

    private Outcome runOne(ScheduleDecision decision) {
        Drill drill = decision.drill();
        Instant started = clock.instant();
        log.accept("drill " + drill.name() + " starting: " + decision.reason());
        String failure = null;
        try {
            int exit = launcher.run(drill);
            if (exit != 0 && exit != 1) {
                failure = "the run exited with code " + exit;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            failure = "the run could not start: " + e.getMessage();
        }
        Optional<DrillRecord> recorded = recordedSince(drill, started);
        if (recorded.isPresent()) {
            DrillRecord record = recorded.get();
            log.accept("drill " + drill.name() + " verdict " + record.verdict().wireName() + details(record)
                    + (failure == null ? "" : " (" + failure + ")"));
            return new Outcome(drill, record.verdict());
        }
        String why = failure != null ? failure : "the run ended";
        try {
            history.append(DrillRecord.unfinished(started, topology.name(), drill.name(), drill.scenario(),
                    DrillCoverage.effectiveTarget(topology, drill), DrillVerdict.ERROR, why + " without recording a verdict"));
            log.accept("drill " + drill.name() + " verdict error: " + why + " without recording a verdict; recorded error in "
                    + history.file());
        } catch (java.io.IOException e) {
            log.accept("drill " + drill.name() + " verdict error: " + why + " without recording a verdict, and the error could not"
                    + " be recorded in " + history.file() + ": " + e.getMessage());
        }
        return new Outcome(drill, DrillVerdict.ERROR);
    }

    private Optional<DrillRecord> recordedSince(Drill drill, Instant started) {
        return history.read().records().stream()
                .filter(r -> r.topology().equals(topology.name()) && drill.name().equals(r.drill()) && !r.at().isBefore(started))
                .reduce((older, newer) -> newer);
    }

    private static String details(DrillRecord record) {
        return (record.rtoSeconds() == null ? ", RTO not measured" : String.format(", RTO %.1fs", record.rtoSeconds()))
                + (record.lostWrites() == null ? "" : ", " + record.lostWrites() + " lost writes")
                + (record.report() == null ? "" : ", report " + record.report());
    }
}
