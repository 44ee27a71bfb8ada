package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drill schedule --once} as a separate process on a hand-written history. A scheduled drill that
 * is due starts a real lab and takes a minute or more; the scheduler's loop (due drills run one at a time,
 * a run that dies without a verdict recorded as error, the retry back-off) is tested with a stand-in runner
 * in the drill module.
 */
class DrillScheduleProcessTest {
    private static String line(String at, String topology, String drill, String verdict) {
        return DrillHistoryProcessTest.line(at, topology, drill, verdict);
    }

    private static String topologyName(String example) throws Exception {
        return DrillHistoryProcessTest.topologyName(example);
    }

    @Test
    void scheduleOnceRunsNothingWhenEveryDrillPassedRecently(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, line(Instant.now().minus(Duration.ofDays(2).plusHours(1)).toString(), topologyName("examples/pilot-light.yaml"),
                "monthly-region-outage", "met"));
        CliProcess.Result result = CliProcess.run("drill", "schedule", "examples/pilot-light.yaml", "--once", "--history", history.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("drill monthly-region-outage not due: last pass 2d ago, every 30d; next due in 27d")
                .doesNotContain("starting");
        assertThat(Files.readAllLines(history)).hasSize(1);
    }

    @Test
    void aTopologyWithoutDrillsCannotBeScheduled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("no-drills.yaml");
        String yaml = Files.readString(CliProcess.REPO_ROOT.resolve("examples/pilot-light.yaml"));
        Files.writeString(file, yaml.substring(0, yaml.indexOf("\ndrills:")) + "\n");
        CliProcess.Result result = CliProcess.run("drill", "schedule", file.toString(), "--once", "--history", dir.resolve("h.jsonl").toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.err()).contains("has no drills: section; nothing to schedule");
    }
}
