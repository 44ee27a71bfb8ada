package io.pilotlight.drill.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.planner.drills.DrillVerdict;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's loop with a stand-in for the child {@code drill run} (which takes a minute and a lab):
 * the stand-in appends the history record a real run appends, or dies without one.
 */
class DrillSchedulerTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(DrillScheduleTest.NOW);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final List<String> log = new ArrayList<>();
    private final List<String> launched = new ArrayList<>();

    private DrillScheduler scheduler(DrillHistory history, DrillLauncher launcher) {
        return new DrillScheduler(DrillScheduleTest.topology(), history, new DrillSchedule(Duration.ofHours(1)), launcher, clock, log::add);
    }

    /** What a real run does: the fault a few seconds in, then one record with the verdict. */
    private DrillLauncher recording(DrillHistory history, DrillVerdict verdict) {
        return drill -> {
            launched.add(drill.name());
            now.set(now.get().plusSeconds(5));
            history.append(new DrillRecord(now.get(), "shop", drill.name(), drill.scenario(), "east", verdict, 41.0, 0, 0.0, "/r"));
            now.set(now.get().plusSeconds(40));
            return verdict == DrillVerdict.MET ? 0 : 1;
        };
    }

    @Test
    void dueDrillsRunOneAfterTheOtherAndTheHistoryAloneStopsThemRunningAgain(@TempDir Path dir) {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        DrillScheduler scheduler = scheduler(history, recording(history, DrillVerdict.MET));
        assertThat(scheduler.runDue()).extracting(o -> o.drill().name() + " " + o.verdict())
                .containsExactly("monthly MET", "weekly-switchover MET");
        assertThat(log).anyMatch(line -> line.endsWith("drill monthly starting: never ran"))
                .anyMatch(line -> line.contains("drill monthly verdict met, RTO 41.0s, 0 lost writes, report /r"));
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(scheduler.runDue()).isEmpty();
        assertThat(launched).containsExactly("monthly", "weekly-switchover");
        assertThat(log).anyMatch(line -> line.contains("drill weekly-switchover not due: last pass 1m ago, every 7d; next due in 6d"));
        now.set(now.get().plus(Duration.ofDays(8)));
        assertThat(scheduler.runDue()).extracting(o -> o.drill().name()).containsExactly("weekly-switchover");
    }

    @Test
    void aRunThatDiesWithoutAVerdictIsRecordedAsAnErrorAndTheNextDrillStillRuns(@TempDir Path dir) {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        DrillLauncher recordingMet = recording(history, DrillVerdict.MET);
        DrillScheduler scheduler = scheduler(history, drill -> {
            if (drill.name().equals("monthly")) {
                launched.add(drill.name());
                throw new java.io.IOException("cannot run program \"java\"");
            }
            return recordingMet.run(drill);
        });
        assertThat(scheduler.runDue()).extracting(o -> o.drill().name() + " " + o.verdict())
                .containsExactly("monthly ERROR", "weekly-switchover MET");
        assertThat(history.read().records()).extracting(r -> r.drill() + " " + r.verdict() + " " + r.target())
                .containsExactly("monthly ERROR east", "weekly-switchover MET east");
        assertThat(log).anyMatch(line -> line.contains("drill monthly verdict error: the run could not start: cannot run program \"java\""
                + " without recording a verdict; recorded error in " + history.file()));
    }

    @Test
    void aFailedDrillIsRetriedAfterTheBackOffNotOnEveryCheck(@TempDir Path dir) {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        DrillLauncher recordingMissed = recording(history, DrillVerdict.MISSED);
        DrillScheduler scheduler = scheduler(history, drill -> {
            if (drill.name().equals("monthly")) {
                launched.add(drill.name());
                return 137;
            }
            return recordingMissed.run(drill);
        });
        assertThat(scheduler.runDue()).extracting(DrillScheduler.Outcome::verdict).containsExactly(DrillVerdict.ERROR, DrillVerdict.MISSED);
        assertThat(log).anyMatch(line -> line.contains("drill monthly verdict error: the run exited with code 137 without recording a verdict"));
        now.set(now.get().plus(Duration.ofMinutes(30)));
        assertThat(scheduler.runDue()).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(scheduler.runDue()).hasSize(2);
        assertThat(launched).containsExactly("monthly", "weekly-switchover", "monthly", "weekly-switchover");
    }

    @Test
    void theLoopChecksEveryIntervalUntilInterrupted(@TempDir Path dir) throws Exception {
        DrillHistory history = new DrillHistory(dir.resolve("history.jsonl"));
        DrillScheduler scheduler = scheduler(history, recording(history, DrillVerdict.MET));
        List<Duration> waits = new ArrayList<>();
        Thread loop = Thread.ofVirtual().start(() -> {
            try {
                scheduler.runForever(Duration.ofMinutes(1), wait -> {
                    waits.add(wait);
                    now.set(now.get().plus(wait));
                    if (waits.size() == 3) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        loop.join(10_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
        assertThat(launched).containsExactly("monthly", "weekly-switchover");
    }

}
