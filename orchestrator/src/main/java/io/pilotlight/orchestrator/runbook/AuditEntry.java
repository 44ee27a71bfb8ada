package io.pilotlight.orchestrator.runbook;

import java.time.Instant;

/**
 * One line of the audit log: who or what started a runbook and why, and each step's start, end and result.
 *
 * @param event started, step-started, step-done, step-failed, step-skipped (done before a crash), finished, failed
 */
public record AuditEntry(Instant at, String runbook, String event, int step, String actor, String detail) {
}
