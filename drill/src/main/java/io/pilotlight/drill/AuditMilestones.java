package io.pilotlight.drill;

import io.pilotlight.orchestrator.decide.Action;
import io.pilotlight.orchestrator.runbook.AuditEntry;
import io.pilotlight.orchestrator.runbook.StepKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The milestones the controller's audit log shows, read from its typed events (never from log
 * text): "decided" is the controller's FAIL_OVER decision, or, when a person decides (manual mode,
 * the drill playing the operator), the start of their failover runbook; "compute ready" is the
 * runbook's wait-until-healthy step done for the standby. A planned switchover decides nothing.
 */
final class AuditMilestones {
    private AuditMilestones() {
    }

    /** Milestone name to epoch millis, for the events at or after t0. */
    static Map<String, Long> of(List<AuditEntry> entries, long t0, String standby, boolean planned) {
        Map<String, Long> seen = new LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            long at = entry.at().toEpochMilli();
            if (at < t0) {
                continue;
            }
            boolean controllerActs = AuditEntry.DECISION.equals(entry.event()) && Action.FAIL_OVER.name().equals(entry.kind());
            boolean operatorActs = AuditEntry.STARTED.equals(entry.event()) && !"controller".equals(entry.actor());
            if (!planned && (controllerActs || operatorActs)) {
                seen.putIfAbsent("decided", at);
            }
            if (AuditEntry.STEP_DONE.equals(entry.event()) && StepKind.WAIT_HEALTHY.name().equals(entry.kind())
                    && standby.equals(entry.region())) {
                seen.putIfAbsent("compute ready", at);
            }
        }
        return seen;
    }
}
