package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Random fault schedules: reproducible from the seed, well formed, replayed in order. */
class FaultScheduleTest {
    private static final ScheduleSpec TEN_SECONDS = ScheduleSpec.of(Duration.ofSeconds(10)).withChanges(20);

    @Property
    void theSameSeedGivesTheSameSchedule(@ForAll long seed) {
        assertThat(FaultSchedule.random(seed, TEN_SECONDS)).isEqualTo(FaultSchedule.random(seed, TEN_SECONDS));
    }

    @Property
    void aScheduleIsInTimeOrderWithinItsLengthAndEndsHealed(@ForAll long seed, @ForAll @IntRange(min = 1, max = 100) int changes) {
        FaultSchedule schedule = FaultSchedule.random(seed, TEN_SECONDS.withChanges(changes));
        List<FaultSchedule.Step> steps = schedule.steps();
        assertThat(steps).hasSize(changes + 1);
        assertThat(steps).extracting(FaultSchedule.Step::at).isSorted()
                .allSatisfy(at -> assertThat(at).isBetween(Duration.ZERO, Duration.ofSeconds(10)));
        assertThat(steps.getLast()).isEqualTo(new FaultSchedule.Step(Duration.ofSeconds(10), Faults.none(), false));
        assertThat(schedule.length()).isEqualTo(Duration.ofSeconds(10));
    }

    @Property
    void onlyTheChosenKindsAppear(@ForAll long seed) {
        ScheduleSpec partitionsOnly = TEN_SECONDS.withKinds(Set.of(FaultKind.ONE_WAY_PARTITION)).withPartition(Partition.HOLD);
        List<FaultSchedule.Step> changes = FaultSchedule.random(seed, partitionsOnly).steps().subList(0, 20);
        assertThat(changes).allSatisfy(step -> {
            Faults faults = step.faults();
            assertThat(faults.upstream().partition() == Partition.HOLD ^ faults.downstream().partition() == Partition.HOLD).isTrue();
            assertThat(faults.upstream().latency()).isZero();
            assertThat(step.resetConnections()).isFalse();
        });
    }

    @Test
    void differentSeedsGiveDifferentSchedules() {
        assertThat(FaultSchedule.random(1, TEN_SECONDS)).isNotEqualTo(FaultSchedule.random(2, TEN_SECONDS));
    }

    @Test
    void latencyChangesStayWithinTheSpec() {
        ScheduleSpec spec = TEN_SECONDS.withKinds(EnumSet.of(FaultKind.LATENCY)).withMaxLatency(Duration.ofMillis(30)).withChanges(200);
        assertThat(FaultSchedule.random(3, spec).steps().subList(0, 200)).allSatisfy(step -> {
            for (Direction direction : Direction.values()) {
                LinkFaults link = step.faults().link(direction);
                assertThat(link.latency()).isBetween(Duration.ofMillis(1), Duration.ofMillis(30));
                assertThat(link.jitter()).isLessThanOrEqualTo(link.latency().dividedBy(2));
            }
        });
    }

    @Test
    void replayAppliesEveryStepInOrderAtItsOffset() throws Exception {
        FaultSchedule schedule = FaultSchedule.random(9, TEN_SECONDS.withKinds(EnumSet.of(FaultKind.RESET, FaultKind.HEAL, FaultKind.BANDWIDTH)));
        List<String> applied = new ArrayList<>();
        FaultTarget target = new FaultTarget() {
            @Override
            public void faults(Faults faults) {
                applied.add("faults " + faults.describe());
            }

            @Override
            public int resetAll() {
                applied.add("reset");
                return 0;
            }
        };
        List<Duration> waited = new ArrayList<>();
        schedule.replay(target, waited::add);
        assertThat(waited).isEqualTo(schedule.steps().stream().map(FaultSchedule.Step::at).toList());
        List<String> expected = new ArrayList<>();
        for (FaultSchedule.Step step : schedule.steps()) {
            expected.add("faults " + step.faults().describe());
            if (step.resetConnections()) {
                expected.add("reset");
            }
        }
        assertThat(applied).isEqualTo(expected).contains("reset");
    }

    @Test
    void replayAgainstAProxyLeavesItHealed() throws Exception {
        try (EchoServer echo = new EchoServer();
             FaultyProxy proxy = FaultyProxy.builder(echo.address()).start()) {
            FaultSchedule schedule = FaultSchedule.random(4, ScheduleSpec.of(Duration.ofMillis(200)).withChanges(5));
            long start = System.nanoTime();
            schedule.replay(proxy);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
            assertThat(proxy.faults()).isEqualTo(Faults.none());
        }
    }

    @Test
    void theDescriptionNamesTheSeedAndEveryStep() {
        FaultSchedule schedule = FaultSchedule.random(5, ScheduleSpec.of(Duration.ofSeconds(1)).withChanges(3));
        assertThat(schedule.describe()).startsWith("fault schedule from seed 5:\n").contains("+1.000s no faults");
        assertThat(schedule.describe().lines()).hasSize(5);
    }

    @Test
    void badSpecsAndStepsAreRejectedWithFieldValueAndRange() {
        assertThatThrownBy(() -> ScheduleSpec.of(Duration.ofSeconds(1)).withChanges(0))
                .hasMessage("changes = 0 is out of range; allowed: 1 to 10000");
        assertThatThrownBy(() -> ScheduleSpec.of(Duration.ZERO)).hasMessage("length = 0 ms is out of range; allowed: 1 ms to 86400000 ms");
        assertThatThrownBy(() -> ScheduleSpec.of(Duration.ofSeconds(1)).withPartition(Partition.NONE))
                .hasMessage("partition = NONE is out of range; allowed: DROP or HOLD");
        assertThatThrownBy(() -> ScheduleSpec.of(Duration.ofSeconds(1)).withKinds(Set.of())).hasMessageStartingWith("kinds = [] is out of range");
        assertThatThrownBy(() -> new FaultSchedule(0, List.of(
                new FaultSchedule.Step(Duration.ofSeconds(2), Faults.none(), false),
                new FaultSchedule.Step(Duration.ofSeconds(1), Faults.none(), false))))
                .hasMessage("steps[1].at = 1000 ms is out of range; allowed: at or after steps[0].at = 2000 ms");
    }
}
