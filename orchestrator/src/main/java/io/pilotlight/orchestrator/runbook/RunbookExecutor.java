package io.pilotlight.orchestrator.runbook;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a runbook step by step, timing and auditing each, and saving progress after each step, so a
 * controller that crashes mid-runbook resumes at the first unfinished step instead of starting
 * over. A step that was under way at the crash runs again; steps are idempotent, so that is safe.
 * Before each step it asks whether it may still act (an agent's controller that lost its leadership
 * stops there, and the new leader resumes from the shared progress).
 */
public final class RunbookExecutor {
    private final StepActions actions;
    private final ProgressStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Consumer<String> progress;
    private final Supplier<Optional<String>> mayNotAct;

    public RunbookExecutor(StepActions actions, Path stateDir, AuditLog audit, Clock clock, Consumer<String> progress) {
        this(actions, ProgressStore.inDirectory(stateDir), audit, clock, progress, Optional::empty);
    }

    /**
     * @param mayNotAct asked before each step: empty while this controller may act, else the reason it may not
     *                  (the runbook stops there, unfinished, for whoever may act to resume)
     */
    public RunbookExecutor(StepActions actions, ProgressStore store, AuditLog audit, Clock clock, Consumer<String> progress,
                           Supplier<Optional<String>> mayNotAct) {
        this.actions = actions;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.progress = progress;
        this.mayNotAct = mayNotAct;
    }

    /** Whether a run of this runbook was interrupted and can be resumed. */
    public boolean interrupted(Runbook runbook) {
        return !store.done(runbook.id()).isEmpty();
    }

    public RunbookResult run(Runbook runbook, String actor, String why) {
        Set<Integer> done = store.done(runbook.id());
        boolean resuming = !done.isEmpty();
        audit.append(new AuditEntry(clock.instant(), runbook.id(), resuming ? "resumed" : AuditEntry.STARTED, 0, actor, why));
        List<RunbookResult.StepTiming> timings = new ArrayList<>();
        for (Step step : runbook.steps()) {
            Optional<String> halt = mayNotAct.get();
            if (halt.isPresent()) {
                audit.append(new AuditEntry(clock.instant(), runbook.id(), "halted", step.number(), actor, halt.get()));
                return new RunbookResult(runbook.id(), false, timings, "stopped before step " + step.number() + " ("
                        + step.description() + "): " + halt.get());
            }
            if (done.contains(step.number())) {
                audit.append(AuditEntry.ofStep(clock.instant(), runbook.id(), "step-skipped", step, actor, "done before the interruption"));
                timings.add(new RunbookResult.StepTiming(step.number(), step.description(), step.expected(), Duration.ZERO, true, "done earlier"));
                continue;
            }
            Instant started = clock.instant();
            progress.accept(String.format("[%d/%d] %s ...", step.number(), runbook.steps().size(), step.description()));
            audit.append(AuditEntry.ofStep(started, runbook.id(), "step-started", step, actor, step.description()));
            String outcome;
            try {
                outcome = actions.run(step);
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                audit.append(AuditEntry.ofStep(clock.instant(), runbook.id(), "step-failed", step, actor, reason));
                audit.append(new AuditEntry(clock.instant(), runbook.id(), "failed", step.number(), actor, reason));
                timings.add(new RunbookResult.StepTiming(step.number(), step.description(), step.expected(),
                        Duration.between(started, clock.instant()), false, "FAILED: " + reason));
                return new RunbookResult(runbook.id(), false, timings, "step " + step.number() + " (" + step.description() + ") failed: "
                        + reason + "; run it again to resume from this step");
            }
            Duration took = Duration.between(started, clock.instant());
            try {
                store.markDone(runbook.id(), step.number());
            } catch (RuntimeException e) { // e.g. leadership lost: whoever leads next runs this (idempotent) step again
                audit.append(new AuditEntry(clock.instant(), runbook.id(), "halted", step.number(), actor,
                        "step done, progress not recorded: " + e.getMessage()));
                return new RunbookResult(runbook.id(), false, timings, "step " + step.number() + " (" + step.description()
                        + ") done but its progress could not be recorded: " + e.getMessage());
            }
            audit.append(AuditEntry.ofStep(clock.instant(), runbook.id(), AuditEntry.STEP_DONE, step, actor,
                    outcome + " (" + took.toMillis() + "ms)"));
            timings.add(new RunbookResult.StepTiming(step.number(), step.description(), step.expected(), took, false, outcome));
            progress.accept(String.format("[%d/%d] done in %dms: %s", step.number(), runbook.steps().size(), took.toMillis(), outcome));
        }
        audit.append(new AuditEntry(clock.instant(), runbook.id(), "finished", runbook.steps().size(), actor, "all steps done"));
        store.clear(runbook.id());
        return new RunbookResult(runbook.id(), true, timings, null);
    }
}
