package io.pilotlight.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookExecutorTest {

    @Test
    void aControllerThatCrashesMidRunbookResumesAndRunsEachCompletedStepOnce(@TempDir Path dir) throws Exception {
        Runbook runbook = RunbookPlanner.failover(Examples.load("pilot-light"), "us-east-1", "us-west-2");
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"));
        StepActions crashingAtStep4 = step -> {
            runs.computeIfAbsent(step.number(), n -> new AtomicInteger()).incrementAndGet();
            if (step.number() == 4) {
                throw new IllegalStateException("controller killed");
            }
            return "did " + step.kind();
        };
        RunbookResult first = new RunbookExecutor(crashingAtStep4, dir, audit, Clock.systemUTC(), line -> { }).run(runbook, "controller", "primary lost");
        assertThat(first.completed()).isFalse();
        assertThat(first.failure()).contains("step 4").contains("run it again to resume");

        StepActions healthy = step -> {
            runs.computeIfAbsent(step.number(), n -> new AtomicInteger()).incrementAndGet();
            return "did " + step.kind();
        };
        RunbookExecutor restarted = new RunbookExecutor(healthy, dir, audit, Clock.systemUTC(), line -> { });
        assertThat(restarted.interrupted(runbook)).isTrue();
        RunbookResult second = restarted.run(runbook, "controller", "resume after restart");
        assertThat(second.completed()).isTrue();
        assertThat(second.steps()).filteredOn(RunbookResult.StepTiming::resumed).hasSize(3);
        for (int step = 1; step <= runbook.steps().size(); step++) {
            assertThat(runs.get(step).get()).as("step " + step + " runs").isEqualTo(step == 4 ? 2 : 1);
        }
        assertThat(restarted.interrupted(runbook)).as("progress cleared once finished").isFalse();

        List<String> events = new ArrayList<>();
        audit.read().forEach(e -> events.add(e.event() + (e.step() > 0 ? " " + e.step() : "")));
        assertThat(events).startsWith("started", "step-started 1", "step-done 1").contains("step-failed 4", "resumed",
                "step-skipped 1", "step-done 4").endsWith("finished " + runbook.steps().size());
        assertThat(audit.read()).allSatisfy(e -> assertThat(e.actor()).isEqualTo("controller"));
    }
}
