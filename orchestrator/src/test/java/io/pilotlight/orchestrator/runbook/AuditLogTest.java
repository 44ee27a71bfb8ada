package io.pilotlight.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log is the typed event stream tools read (the drill's milestones), so its fields must carry the facts. */
class AuditLogTest {

    @Test
    void stepEventsCarryTheStepsKindAndRegionAndDecisionsTheirActionAndTarget(@TempDir Path dir) throws Exception {
        AuditLog audit = new AuditLog(dir.resolve(AuditLog.FILE_NAME));
        Runbook runbook = RunbookPlanner.failover(Examples.load("pilot-light"), "us-east-1", "us-west-2");
        audit.append(AuditEntry.ofDecision(Instant.parse("2026-12-05T10:00:00Z"), "FAIL_OVER", "us-west-2", "primary lost"));
        new RunbookExecutor(step -> "did " + step.kind(), dir, audit, Clock.systemUTC(), line -> { }).run(runbook, "controller", "primary lost");

        var entries = audit.read();
        assertThat(entries.get(0)).extracting(AuditEntry::event, AuditEntry::kind, AuditEntry::region, AuditEntry::actor)
                .containsExactly(AuditEntry.DECISION, "FAIL_OVER", "us-west-2", "controller");
        assertThat(entries).filteredOn(e -> AuditEntry.STEP_DONE.equals(e.event()) && StepKind.WAIT_HEALTHY.name().equals(e.kind()))
                .extracting(AuditEntry::region).containsExactly("us-west-2");
        assertThat(entries).filteredOn(e -> AuditEntry.STARTED.equals(e.event())).extracting(AuditEntry::kind).containsOnlyNulls();
    }

    @Test
    void aLineStillBeingAppendedByAnotherProcessIsLeftForTheNextRead(@TempDir Path dir) throws Exception {
        AuditLog audit = new AuditLog(dir.resolve(AuditLog.FILE_NAME));
        audit.append(new AuditEntry(Instant.parse("2026-12-05T10:00:00Z"), "failover", "started", 0, "operator", "by hand"));
        Files.writeString(dir.resolve(AuditLog.FILE_NAME), "{\"at\":\"2026-12-05T10:00:01Z\",\"runbo", StandardOpenOption.APPEND);
        assertThat(audit.read()).hasSize(1);
    }

    @Test
    void entriesWrittenBeforeTheTypedFieldsExistedStillRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(AuditLog.FILE_NAME), "{\"at\":\"2026-12-01T10:00:00Z\",\"runbook\":\"r\",\"event\":\"finished\","
                + "\"step\":3,\"actor\":\"controller\",\"detail\":\"all steps done\"}\n");
        assertThat(new AuditLog(dir.resolve(AuditLog.FILE_NAME)).read()).singleElement()
                .satisfies(e -> assertThat(e.kind()).isNull());
    }
}
