package io.pilotlight.planner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import io.pilotlight.planner.Planner;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The fixture schedules drill "monthly" (region-outage of the primary "east", every 30d). */
class UntestedPlanFromHistoryTest {
    /** The fixture with the one-machine coordinator declared, so its single-coordinator note stays out of these findings. */
    private static final String ONE_MACHINE = Fixtures.PILOT_LIGHT + "coordination: {store: in-process}\n";

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    private static List<Finding> untested(DrillRun... runs) {
        return Planner.forTopology(Fixtures.load(Fixtures.PILOT_LIGHT), null, DrillEvidence.of(List.of(runs), NOW)).findings().stream()
                .filter(f -> f.code().equals("untested-plan")).toList();
    }

    private static DrillRun run(String drill, Duration ago, DrillVerdict verdict) {
        return new DrillRun("test", drill, DrillScenario.REGION_OUTAGE, "east", NOW.minus(ago), verdict);
    }

    @Test
    void aPassWithinEveryLeavesNoFinding() {
        assertThat(untested(run("monthly", Duration.ofDays(29), DrillVerdict.MET))).isEmpty();
    }

    @Property
    void aPassCountsExactlyWhenItIsWithinEvery(@ForAll @IntRange(min = 0, max = 90 * 24) int hoursAgo) {
        boolean within = hoursAgo <= 30 * 24;
        assertThat(untested(run("monthly", Duration.ofHours(hoursAgo), DrillVerdict.MET))).hasSize(within ? 0 : 1);
    }

    @Test
    void withoutAnyRunTheDrillIsUntestedWithLastPassNeverAndTheCommandThatFixesIt() {
        Finding finding = untested().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("drill monthly has not passed within its every 30d");
        assertThat(finding.evidence()).contains("last pass: never");
        assertThat(finding.fix()).isEqualTo("pilotlight drill run test.yaml --drill monthly");
        assertThat(finding.path()).isEqualTo("drills[0]");
        assertThat(finding.line()).isPositive();
    }

    @Test
    void anOldPassIsUntestedAndNamesWhenItWas() {
        Finding finding = untested(run("monthly", Duration.ofDays(31), DrillVerdict.MET)).get(0);
        assertThat(finding.evidence()).contains("last pass: 2026-10-28T06:00:00Z (31d ago)");
    }

    @Test
    void recentMissesAndErrorsDoNotTestThePlan() {
        List<Finding> findings = untested(run("monthly", Duration.ofDays(40), DrillVerdict.MET),
                run("monthly", Duration.ofDays(2), DrillVerdict.MISSED), run("monthly", Duration.ofHours(1), DrillVerdict.ERROR));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).evidence()).contains("(40d ago)").contains("last run error at 2026-11-28T05:00:00Z");
    }

    @Test
    void aRunByHandCountsWhenItsScenarioAndTargetMatchTheDrill() {
        assertThat(untested(run(null, Duration.ofDays(1), DrillVerdict.MET))).isEmpty();
        assertThat(untested(new DrillRun("test", null, DrillScenario.REGION_OUTAGE, "west", NOW.minusSeconds(60), DrillVerdict.MET)))
                .as("another target").hasSize(1);
        assertThat(untested(new DrillRun("test", null, DrillScenario.PARTITION, "east", NOW.minusSeconds(60), DrillVerdict.MET)))
                .as("another scenario").hasSize(1);
    }

    @Test
    void runsOfAnotherDrillOrAnotherTopologyDoNotCount() {
        assertThat(untested(run("weekly", Duration.ofDays(1), DrillVerdict.MET))).hasSize(1);
        assertThat(untested(new DrillRun("other", "monthly", DrillScenario.REGION_OUTAGE, "east", NOW.minusSeconds(60), DrillVerdict.MET)))
                .hasSize(1);
    }

    @Test
    void anUntestedDrillIsAWarningSoThePlanStillExitsZero() {
        var plan = Planner.forTopology(Fixtures.load(ONE_MACHINE), null, DrillEvidence.of(List.of(), NOW));
        assertThat(plan.findings()).extracting(Finding::code).containsExactly("untested-plan");
        assertThat(plan.exitCode()).isZero();
    }

    @Test
    void withoutAHistoryThePlannerOnlyChecksThatAScheduleExists() {
        assertThat(Fixtures.plan(Fixtures.load(ONE_MACHINE)).findings()).isEmpty();
    }
}
