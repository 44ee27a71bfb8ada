package io.pilotlight.orchestrator.runbook;

/**
 * Carries out steps against a live deployment. Every step must be idempotent: running it again after
 * it succeeded changes nothing and succeeds, which is what makes a crashed runbook resumable.
 */
@FunctionalInterface
public interface StepActions {
    /** Returns what was done in plain words; throws with the reason when the step failed. */
    String run(Step step) throws Exception;
}
