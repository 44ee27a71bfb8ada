package io.pilotlight.drill;

import io.pilotlight.orchestrator.decide.Action;
import io.pilotlight.orchestrator.runbook.AuditEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * In manual mode a person runs the failover runbook once the controller alerts; in a lab drill
 * nobody is there, so the drill plays that person. It acts on the controller's first ALERT with a
 * target after the fault (read from the audit log), waits the operator's delay (by default the
 * topology's decision delay, the time the planner budgets for a person to decide), then runs
 * {@code pilotlight failover --to TARGET} as a process of its own, sharing the controller's state.
 *
 * @param delay   how long the operator takes between the alert and starting the runbook
 * @param runbook the failover command towards a target region
 */
public record PlayedOperator(Duration delay, Function<String, ProcessBuilder> runbook) {

    /** The target to fail over to, once the alert is at least {@code delay} old; empty before. */
    Optional<String> due(List<AuditEntry> audit, long t0, long nowMillis) {
        return audit.stream()
                .filter(e -> AuditEntry.DECISION.equals(e.event()) && Action.ALERT.name().equals(e.kind()) && e.region() != null)
                .filter(e -> e.at().toEpochMilli() >= t0)
                .findFirst()
                .filter(alert -> nowMillis >= alert.at().toEpochMilli() + delay.toMillis())
                .map(AuditEntry::region);
    }

    /** One run of the operator during a drill: starts the runbook at most once. */
    static final class Run {
        private final PlayedOperator operator;
        private Process process;
        private String target;

        Run(PlayedOperator operator) {
            this.operator = operator;
        }

        /** @return a progress line when the operator acts now, else null */
        String poll(List<AuditEntry> audit, long t0, long nowMillis) throws java.io.IOException {
            if (process != null) {
                return null;
            }
            Optional<String> due = operator.due(audit, t0, nowMillis);
            if (due.isEmpty()) {
                return null;
            }
            target = due.get();
            process = operator.runbook().apply(target).start();
            return "the operator (played by the drill) runs pilotlight failover --to " + target;
        }

        /** Waits for the runbook the operator started; what became of it, or null when it never acted. */
        String finish() throws InterruptedException {
            if (process == null) {
                return "the operator (played by the drill) never acted: the controller raised no alert with a target";
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "the operator's failover runbook to " + target + " did not finish within 2 minutes";
            }
            return process.exitValue() == 0 ? null
                    : "the operator's failover runbook to " + target + " failed (exit " + process.exitValue() + ")";
        }
    }
}
