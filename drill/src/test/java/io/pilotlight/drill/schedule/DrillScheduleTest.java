package io.pilotlight.drill.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import io.pilotlight.topology.Topology;
import io.pilotlight.topology.load.TopologyLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DrillScheduleTest {
    static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    static final String YAML = """
            name: shop
            pattern: pilot-light
            objectives: {rto: 30m, rpo: 5m}
            regions:
              east: {role: primary}
              west: {role: standby}
            services:
              api:
                health_check: {type: HTTP, port: 8080, request_interval: 10s, failure_threshold: 3, timeout: 2s}
                endpoints:
                  east: {address: 127.0.1.1}
                  west: {address: 127.0.2.1}
            data_stores:
              orders: {kind: global-database, writer: east, replication: {mode: async, lag_bound: 1s}}
            drills:
              - {name: monthly, scenario: region-outage, every: 30d}
              - {name: weekly-switchover, scenario: switchover, target: east, every: 7d}
            """;
    private static final DrillSchedule SCHEDULE = new DrillSchedule(Duration.ofHours(1));

    static Topology topology() {
        try {
            return TopologyLoader.parse("shop.yaml", YAML).topology();
        } catch (io.pilotlight.topology.load.TopologyException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static ScheduleDecision monthly(DrillRun... runs) {
        return SCHEDULE.decide(topology(), List.of(runs), NOW).get(0);
    }

    private static DrillRun run(Duration ago, DrillVerdict verdict) {
        return new DrillRun("shop", "monthly", DrillScenario.REGION_OUTAGE, "east", NOW.minus(ago), verdict);
    }

    @Test
    void aDrillThatNeverRanIsDue() {
        List<ScheduleDecision> decisions = SCHEDULE.decide(topology(), List.of(), NOW);
        assertThat(decisions).extracting(ScheduleDecision::due).containsExactly(true, true);
        assertThat(decisions).extracting(ScheduleDecision::reason).containsOnly("never ran");
    }

    @Test
    void aRecentPassIsNotDueAndSaysWhenItWillBe() {
        ScheduleDecision decision = monthly(run(Duration.ofDays(3), DrillVerdict.MET));
        assertThat(decision.due()).isFalse();
        assertThat(decision.reason()).isEqualTo("last pass 3d ago, every 30d; next due in 27d");
    }

    @Test
    void aPassOlderThanEveryIsDue() {
        ScheduleDecision decision = monthly(run(Duration.ofDays(31), DrillVerdict.MET));
        assertThat(decision.due()).isTrue();
        assertThat(decision.reason()).isEqualTo("last pass 31d ago, every 30d");
    }

    @Test
    void aMissedLastRunIsRetriedOnlyAfterTheBackOff() {
        ScheduleDecision soon = monthly(run(Duration.ofDays(40), DrillVerdict.MET), run(Duration.ofMinutes(10), DrillVerdict.MISSED));
        assertThat(soon.due()).isFalse();
        assertThat(soon.reason()).isEqualTo("last run missed 10m ago; retrying 1h after a failed run, in 50m");
        ScheduleDecision later = monthly(run(Duration.ofDays(40), DrillVerdict.MET), run(Duration.ofHours(2), DrillVerdict.MISSED));
        assertThat(later.due()).isTrue();
        assertThat(later.reason()).isEqualTo("last run missed 2h ago; last pass 40d ago, every 30d");
        assertThat(monthly(run(Duration.ofHours(2), DrillVerdict.ERROR)).reason()).isEqualTo("last run error 2h ago; never passed, every 30d");
    }

    @Test
    void aMissAfterARecentPassDoesNotMakeTheDrillDue() {
        assertThat(monthly(run(Duration.ofDays(5), DrillVerdict.MET), run(Duration.ofDays(2), DrillVerdict.MISSED)).due()).isFalse();
    }

    @Property
    void dueExactlyWhenNoPassWithinEvery(@ForAll @IntRange(min = 0, max = 60 * 24) int hoursAgo) {
        assertThat(monthly(run(Duration.ofHours(hoursAgo), DrillVerdict.MET)).due()).isEqualTo(hoursAgo > 30 * 24);
    }

    @Test
    void drillsAreJudgedEachOnTheirOwnRuns() {
        List<ScheduleDecision> decisions = SCHEDULE.decide(topology(), List.of(run(Duration.ofDays(1), DrillVerdict.MET),
                new DrillRun("shop", null, DrillScenario.SWITCHOVER, "east", NOW.minus(Duration.ofDays(8)), DrillVerdict.MET)), NOW);
        assertThat(decisions).extracting(d -> d.drill().name() + " " + d.due()).containsExactly("monthly false", "weekly-switchover true");
        assertThat(decisions.get(1).reason()).isEqualTo("last pass 8d ago, every 7d");
    }

}
