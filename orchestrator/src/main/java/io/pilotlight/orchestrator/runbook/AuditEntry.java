package io.pilotlight.orchestrator.runbook;

import java.time.Instant;

/**
 * One line of the audit log: who or what started a runbook and why, each step's start, end and
 * result, and each change of the controller's decision. Tools (the drill's milestone watcher) read
 * these typed fields, never the free text of {@code detail}.
 *
 * @param event  started, resumed, step-started, step-done, step-failed, step-skipped (done before a crash), finished,
 *               failed, halted (this controller may no longer act: leadership lost); or decision (the controller's decision changed)
 * @param kind   a step's {@link StepKind} name, or a decision's action (FAIL_OVER, ALERT, ...); null for runbook events
 * @param region the region a step acts on, or a decision's target; null when none
 */
public record AuditEntry(Instant at, String runbook, String event, int step, String actor, String detail, String kind, String region) {
    public static final String DECISION = "decision";
    public static final String STEP_DONE = "step-done";
    public static final String STARTED = "started";

    /** A runbook event that is not about one step. */
    public AuditEntry(Instant at, String runbook, String event, int step, String actor, String detail) {
        this(at, runbook, event, step, actor, detail, null, null);
    }

    /** An event of one step, typed by the step's kind and region. */
    public static AuditEntry ofStep(Instant at, String runbook, String event, Step step, String actor, String detail) {
        return new AuditEntry(at, runbook, event, step.number(), actor, detail, step.kind().name(), step.params().get("region"));
    }

    /** A change of the controller's decision: its action, its target region (if any) and its reason. */
    public static AuditEntry ofDecision(Instant at, String action, String target, String reason) {
        return new AuditEntry(at, null, DECISION, 0, "controller", reason, action, target);
    }
}
