package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.ProbeSchedule.Action;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void slotsAreFixedFromTheFirstWhateverTheProbesTake() {
        ProbeSchedule schedule = new ProbeSchedule(500, 10 * SECOND);
        assertThat(schedule.tick(700, false)).isEqualTo(new ProbeSchedule.Slot(0, 500, Action.RUN));
        // the timer fires late for slot 1; slot 2 is still planned from the start, not from slot 1's actual time
        assertThat(schedule.tick(500 + 10 * SECOND + 3 * SECOND, false).plannedNanos()).isEqualTo(500 + 10 * SECOND);
        assertThat(schedule.tick(500 + 20 * SECOND, false).plannedNanos()).isEqualTo(500 + 20 * SECOND);
        assertThat(schedule.plannedNanos(1000)).isEqualTo(500 + 1000 * 10 * SECOND);
    }

    @Test
    void aSlotIsSkippedWhileThePreviousProbeIsStillRunning() {
        ProbeSchedule schedule = new ProbeSchedule(0, SECOND);
        assertThat(schedule.tick(0, false).action()).isEqualTo(Action.RUN);
        assertThat(schedule.tick(SECOND, true).action()).isEqualTo(Action.SKIP_BUSY);
        assertThat(schedule.tick(2 * SECOND, false).action()).isEqualTo(Action.RUN);
    }

    @Test
    void aSlotAWholeIntervalLateIsSkippedNotRunInABurst() {
        ProbeSchedule schedule = new ProbeSchedule(0, SECOND);
        schedule.tick(0, false);
        // the timer was stalled for 3.5 s: it fires slots 1, 2, 3 back to back at 3.5 s
        assertThat(schedule.tick(3_500_000_000L, false).action()).isEqualTo(Action.SKIP_LATE);
        assertThat(schedule.tick(3_500_000_000L, false).action()).isEqualTo(Action.SKIP_LATE);
        assertThat(schedule.tick(3_500_000_000L, false).action()).isEqualTo(Action.RUN);
    }

    @Test
    void staggerIsDeterministicAndWithinTheFirstInterval() {
        long interval = 10 * SECOND;
        assertThat(Stagger.offsetNanos(7, "api-eu", "eu", interval)).isEqualTo(Stagger.offsetNanos(7, "api-eu", "eu", interval));
        assertThat(Stagger.offsetNanos(7, "api-eu", "eu", interval)).isNotEqualTo(Stagger.offsetNanos(8, "api-eu", "eu", interval));
        Set<Long> tenths = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long offset = Stagger.offsetNanos(7, "check-" + i, "eu", interval);
            assertThat(offset).isBetween(0L, interval - 1);
            tenths.add(offset / (interval / 10));
        }
        assertThat(tenths).as("200 checks spread over every tenth of the interval").hasSize(10);
    }
}
