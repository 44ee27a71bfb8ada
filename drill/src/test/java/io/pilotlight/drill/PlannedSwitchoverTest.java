package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switchover drill measures a switchover: when its runbook fails, the drill must end with that error. It once
 * printed "the switchover runbook failed" as a note and then "objectives met", measured on clients that had kept
 * writing to the old primary (the lab on PostgreSQL showed it: the runbook lacked the servers' folder).
 */
class PlannedSwitchoverTest {

    @Test
    void aFailedRunbookEndsTheDrillWithItsErrorAndWhereItsOutputIs(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("switchover.log");
        ProcessBuilder runbook = new ProcessBuilder("sh", "-c", "echo 'step 1 failed'; exit 3").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        PlannedSwitchover switchover = new PlannedSwitchover(runbook, "east", "west");
        switchover.inject();
        assertThatThrownBy(switchover::heal).isInstanceOf(IllegalStateException.class)
                .hasMessage("the switchover runbook failed (exit 3); its output: " + log);
        assertThat(Files.readString(log)).contains("step 1 failed");
    }

    @Test
    void aCompletedRunbookIsANote() throws Exception {
        PlannedSwitchover switchover = new PlannedSwitchover(new ProcessBuilder("true"), "east", "west");
        switchover.inject();
        assertThat(switchover.heal()).isEqualTo("the switchover runbook completed");
    }

    /**
     * The drill's measurement once ended 10 s into a PostgreSQL switchover, its clients still succeeding because the write
     * gap had not come yet, and then reported "did not sustain": it now ends only once the runbook has run its course.
     */
    @Test
    void theMeasurementWaitsUntilTheRunbookHasRunItsCourse() throws Exception {
        PlannedSwitchover switchover = new PlannedSwitchover(new ProcessBuilder("sleep", "1"), "east", "west");
        assertThat(switchover.settled()).as("not started").isFalse();
        switchover.inject();
        assertThat(switchover.settled()).as("running").isFalse();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!switchover.settled() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(switchover.settled()).as("exited").isTrue();
        assertThat(switchover.heal()).isEqualTo("the switchover runbook completed");
    }
}
