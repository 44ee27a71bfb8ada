package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.orchestrator.runbook.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drill's milestones from the audit log's typed events, and the operator it plays in manual
 * mode. Regression: milestones were read from the controller's log text, and a manual-mode
 * topology (backup and restore) could not be drilled at all.
 */
class OperatorAndAuditMilestonesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final long T0_MILLIS = T0.toEpochMilli();

    private static AuditEntry step(long afterMillis, String actor, String event, String kind, String region) {
        return new AuditEntry(T0.plusMillis(afterMillis), "failover-east-to-west", event, 3, actor, "detail", kind, region);
    }

    @Test
    void theControllersFailOverDecisionAndTheStandbysWaitHealthyStepAreTheMilestones() {
        List<AuditEntry> audit = List.of(
                AuditEntry.ofDecision(T0.minusSeconds(5), "FAIL_OVER", "west", "an earlier drill"),
                AuditEntry.ofDecision(T0.plusMillis(900), "CONFIRMING", "west", "confirming"),
                AuditEntry.ofDecision(T0.plusMillis(2_000), "FAIL_OVER", "west", "confirmed"),
                step(2_100, "controller", AuditEntry.STARTED, null, null),
                step(6_000, "controller", AuditEntry.STEP_DONE, "WAIT_HEALTHY", "east"),
                step(7_000, "controller", AuditEntry.STEP_DONE, "WAIT_HEALTHY", "west"));
        assertThat(AuditMilestones.of(audit, T0_MILLIS, "west", false))
                .containsEntry("decided", T0_MILLIS + 2_000).containsEntry("compute ready", T0_MILLIS + 7_000);
    }

    @Test
    void inManualModeTheOperatorsRunbookStartIsTheDecisionAndAPlannedSwitchoverDecidesNothing() {
        List<AuditEntry> audit = List.of(
                AuditEntry.ofDecision(T0.plusMillis(1_500), "ALERT", "west", "manual mode: run pilotlight failover"),
                step(6_600, "root", AuditEntry.STARTED, null, null));
        assertThat(AuditMilestones.of(audit, T0_MILLIS, "west", false)).containsEntry("decided", T0_MILLIS + 6_600);
        assertThat(AuditMilestones.of(audit, T0_MILLIS, "west", true)).doesNotContainKey("decided");
    }

    @Test
    void thePlayedOperatorActsOnTheFirstAlertWithATargetAfterTheFaultOnceItsDelayHasPassed() {
        PlayedOperator operator = new PlayedOperator(Duration.ofSeconds(5), to -> new ProcessBuilder("true"));
        List<AuditEntry> audit = List.of(
                AuditEntry.ofDecision(T0.minusSeconds(30), "ALERT", "west", "before the fault: not this outage"),
                AuditEntry.ofDecision(T0.plusMillis(1_000), "ALERT", null, "nothing to fail over to"),
                AuditEntry.ofDecision(T0.plusMillis(1_600), "ALERT", "west", "manual mode: run pilotlight failover FILE --to west"));
        assertThat(operator.due(audit, T0_MILLIS, T0_MILLIS + 6_599)).isEmpty();
        assertThat(operator.due(audit, T0_MILLIS, T0_MILLIS + 6_600)).contains("west");
        assertThat(operator.due(audit.subList(0, 2), T0_MILLIS, T0_MILLIS + 60_000)).as("no alert with a target: nothing to do").isEmpty();
    }
}
