package io.pilotlight.planner.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.Fixtures;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.Planner;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.drills.DrillEvidence;
import io.pilotlight.planner.drills.DrillRun;
import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.planner.findings.Finding;
import io.pilotlight.planner.findings.Severity;
import io.pilotlight.planner.report.JsonReport;
import io.pilotlight.planner.report.TextReport;
import io.pilotlight.topology.DrillScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

    /** A drill of the fixture ("test") that measured these seconds for detection, decision, promotion, scale-up, DNS TTL. */
    private static DrillRun run(int minutesAgo, DrillVerdict verdict, DrillScenario scenario, double rto, double... terms) {
        Map<String, Double> measured = new LinkedHashMap<>();
        String[] names = {RtoEstimator.DETECTION, RtoEstimator.DECISION, RtoEstimator.PROMOTION, RtoEstimator.SCALE_UP, RtoEstimator.DNS_TTL};
        for (int i = 0; i < terms.length; i++) {
            measured.put(names[i], terms[i]);
        }
        return new DrillRun("test", null, scenario, "east", NOW.minusSeconds(60L * minutesAgo), verdict, rto, measured);
    }

    private static Plan plan(List<DrillRun> runs) {
        return Planner.forTopology(Fixtures.load(Fixtures.PILOT_LIGHT), null, DrillEvidence.of(runs, NOW));
    }

    private static List<DrillRun> fiveDrillsWithFastInstances() {
        List<DrillRun> runs = new ArrayList<>();
        double[] scaleUp = {40, 55, 48, 52, 45};
        for (int i = 0; i < 5; i++) {
            runs.add(run(10 * (i + 1), i == 2 ? DrillVerdict.MISSED : DrillVerdict.MET, DrillScenario.REGION_OUTAGE,
                    30 + 60 + 2 + scaleUp[i] + 60 + 5, 30, 60, 2, scaleUp[i], 60));
        }
        return runs;
    }

    @Test
    void eachTermsExpectedValueIsTheMedianOfPassedAndMissedDrills() {
        RtoExpectation expectation = plan(fiveDrillsWithFastInstances()).expectation();
        assertThat(expectation.runs()).isEqualTo(5);
        ExpectedTerm scaleUp = expectation.terms().stream().filter(t -> t.name().equals(RtoEstimator.SCALE_UP)).findFirst().orElseThrow();
        assertThat(scaleUp.declared()).isEqualTo(Duration.ofMinutes(3));
        assertThat(scaleUp.measured().median()).isEqualTo(Duration.ofSeconds(48));
        assertThat(scaleUp.measured().min()).isEqualTo(Duration.ofSeconds(40));
        assertThat(scaleUp.measured().max()).isEqualTo(Duration.ofSeconds(55));
        assertThat(scaleUp.expected()).isEqualTo(Duration.ofSeconds(48));
        assertThat(scaleUp.used()).isEqualTo("measured median of 5 drills");
        assertThat(expectation.tail()).isEqualTo(Duration.ofSeconds(5));
        assertThat(expectation.expected()).isEqualTo(Duration.ofSeconds(30 + 60 + 2 + 48 + 60 + 5));
    }

    @Test
    void theWorstCaseIsKeptBesideTheExpectedValue() {
        Plan plan = plan(fiveDrillsWithFastInstances());
        // + clients sustain: 2s request timeout + 100ms retry (the drill's clients, assumed) + 2s whole-second counting
        assertThat(plan.rto().total()).isEqualTo(Duration.ofSeconds(32 + 60 + 3 + 180 + 60).plusMillis(4_100));
        assertThat(plan.expectation().expected()).isLessThan(plan.rto().total());
    }

    @Test
    void aDeclaredFigureMoreThanTwiceTheMeasuredOneIsAFindingThatQuotesTheDrills() {
        List<Finding> found = plan(fiveDrillsWithFastInstances()).findings().stream()
                .filter(f -> f.code().equals("declared-differs-from-measured")).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).message()).isEqualTo("your instance_ready_time says 3m; the last 5 drills measured 40s-55s (region-outage)");
        assertThat(found.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(found.get(0).path()).isEqualTo("compute.api.instance_ready_time");
    }

    @Test
    void aMeasuredFigureMoreThanTwiceTheDeclaredOneIsAWarning() {
        List<DrillRun> runs = List.of(run(5, DrillVerdict.MET, DrillScenario.REGION_OUTAGE, 400, 90, 60, 3, 180, 60));
        List<Finding> found = plan(runs).findings().stream().filter(f -> f.code().equals("declared-differs-from-measured")).toList();
        assertThat(found).extracting(Finding::message).containsExactly("your detection (api-east: 3 x 10s interval + 2s timeout) says 32s; the last drill measured 1m30s (region-outage)");
        assertThat(found.get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void otherScenariosOtherTopologiesAndErroredRunsDoNotCount() {
        List<DrillRun> runs = new ArrayList<>();
        runs.add(run(1, DrillVerdict.MET, DrillScenario.SWITCHOVER, 5, 0, 0, 1, 1, 1));
        runs.add(run(2, DrillVerdict.ERROR, DrillScenario.REGION_OUTAGE, 5, 1, 1, 1, 1, 1));
        runs.add(new DrillRun("other", null, DrillScenario.REGION_OUTAGE, "east", NOW, DrillVerdict.MET, 5.0, Map.of("detection", 1.0)));
        RtoExpectation expectation = plan(runs).expectation();
        assertThat(expectation.runs()).isZero();
        assertThat(expectation.terms()).allMatch(t -> t.measured() == null && t.expected().equals(t.declared()));
    }

    @Test
    void withoutDrillsTheClientCacheCountsOnlyBeyondTheTtlItOverlaps() {
        var loaded = Fixtures.pilotLightWith("failover: {decision_delay: 1m}", "failover: {decision_delay: 1m}\nclients: {dns_cache: 90s}");
        Plan plan = Planner.forTopology(loaded, null, DrillEvidence.of(List.of(), NOW));
        assertThat(plan.rto().total()).isEqualTo(Duration.ofSeconds(32 + 60 + 3 + 180 + 60 + 90).plusMillis(4_100));
        assertThat(plan.expectation().expected()).as("the clients sustain tail follows the DNS wait: it counts in full")
                .isEqualTo(Duration.ofSeconds(32 + 60 + 3 + 180 + 60 + 30).plusMillis(4_100));
    }

    @Test
    void onlyTheNewestTenDrillsCount() {
        List<DrillRun> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(run(i + 1, DrillVerdict.MET, DrillScenario.REGION_OUTAGE, i < 10 ? 10 : 1000, i < 10 ? 2 : 900, 1, 1, 1, 1));
        }
        RtoExpectation expectation = plan(runs).expectation();
        assertThat(expectation.runs()).isEqualTo(10);
        assertThat(expectation.terms().get(0).measured().max()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theReportsShowDeclaredMeasuredSpreadAndWhichWasUsed() {
        Plan plan = plan(fiveDrillsWithFastInstances());
        assertThat(TextReport.render(plan)).contains("Expected RTO from the last 5 region-outage drills")
                .containsPattern("compute scale-up\\s+3m\\s+48s\\s+40s-55s\\s+48s\\s+measured median of 5 drills");
        var json = JsonReport.tree(plan).path("rto").path("expected");
        assertThat(json.path("drills").asInt()).isEqualTo(5);
        assertThat(json.path("terms").get(3).path("measured").path("median_seconds").asDouble()).isEqualTo(48.0);
        assertThat(json.path("terms").get(3).path("declared_seconds").asDouble()).isEqualTo(180.0);
    }

    @Test
    void runsRecordedBeforeTermsWereKeptStillCountForTheRtoButMeasureNoTerm() {
        DrillRun old = new DrillRun("test", null, DrillScenario.REGION_OUTAGE, "east", NOW, DrillVerdict.MET, 120.0, Map.of());
        RtoExpectation expectation = plan(List.of(old)).expectation();
        assertThat(expectation.runs()).isEqualTo(1);
        assertThat(expectation.terms()).allMatch(t -> t.measured() == null);
        assertThat(expectation.expected()).isEqualTo(Duration.ofSeconds(120));
        assertThat(expectation.tail()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void termsThatOverlapCountOnceBecauseTheTotalIsTheDrillsWallTime() {
        // DNS changed 20s after detection, while promotion and scale-up (52s together) still ran: the terms sum to 132s,
        // the drills took 90s
        List<DrillRun> runs = List.of(run(5, DrillVerdict.MET, DrillScenario.REGION_OUTAGE, 90, 30, 30, 2, 50, 20),
                run(6, DrillVerdict.MET, DrillScenario.REGION_OUTAGE, 92, 30, 30, 2, 52, 20));
        RtoExpectation expectation = plan(runs).expectation();
        assertThat(expectation.expected()).isEqualTo(Duration.ofSeconds(91));
        assertThat(expectation.tail()).isEqualTo(Duration.ofSeconds(91 - 133));
        assertThat(TextReport.render(plan(runs))).containsPattern("not in a term\\s+-\\s+-42s");
    }

    @Test
    void drillsBeatingAWorstCaseOrASafetySettingAreNoFinding() {
        // detection 5s of a 32s worst case, promotion 0.3s of a 3s lease-bound figure, TTL 10s of 60s: all expected
        List<DrillRun> runs = List.of(run(5, DrillVerdict.MET, DrillScenario.REGION_OUTAGE, 160, 5, 60, 0.3, 170, 10));
        assertThat(plan(runs).findings()).noneMatch(f -> f.code().equals("declared-differs-from-measured"));
    }

    private static DrillRun withSustain(int minutesAgo, double rto, double dnsTtl, double sustain) {
        Map<String, Double> measured = new LinkedHashMap<>();
        measured.put(RtoEstimator.DETECTION, 30.0);
        measured.put(RtoEstimator.DNS_TTL, dnsTtl);
        measured.put(RtoEstimator.CLIENTS_SUSTAIN, sustain);
        return new DrillRun("test", null, DrillScenario.REGION_OUTAGE, "east", NOW.minusSeconds(60L * minutesAgo), DrillVerdict.MET, rto,
                measured);
    }

    @Test
    void theClientsSustainTermTheDrillsRecordIsCalibratedLikeAnyOther() {
        // the drill records the span from "first client success" to "sustained" under the planner's own term name
        List<DrillRun> runs = List.of(withSustain(5, 100, 10, 1.5), withSustain(6, 101, 12, 5.5), withSustain(7, 99, 11, 2.0));
        RtoExpectation expectation = plan(runs).expectation();
        ExpectedTerm sustain = expectation.terms().stream().filter(t -> t.name().equals(RtoEstimator.CLIENTS_SUSTAIN)).findFirst().orElseThrow();
        assertThat(sustain.declared()).isEqualTo(Duration.ofMillis(4_100));
        assertThat(sustain.measured().median()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sustain.measured().max()).isEqualTo(Duration.ofMillis(5_500));
        assertThat(sustain.used()).isEqualTo("measured median of 3 drills");
        assertThat(TextReport.render(plan(runs))).containsPattern("clients sustain\\s+4s100ms\\s+2s\\s+1s500ms-5s500ms\\s+2s");
    }

    @Test
    void aSustainTailThatHoldsTheOtherClientsWaitForTheirAnswerIsNoFindingButOneBeyondItIs() {
        // the first client moved at once, the others as their 60s answers expired: 50s of tail is the DNS wait, not a slow client
        List<DrillRun> spread = List.of(withSustain(5, 150, 0.5, 50));
        assertThat(plan(spread).findings()).noneMatch(f -> f.code().equals("declared-differs-from-measured"));
        // 2 x (4.1s + 60s) = 128.2s: a tail beyond that is more than the clients' answers explain
        List<DrillRun> slow = List.of(withSustain(5, 250, 0.5, 130));
        assertThat(plan(slow).findings()).filteredOn(f -> f.code().equals("declared-differs-from-measured"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).startsWith("your clients sustain (").contains("says 4s100ms; the last drill measured 2m10s");
                });
    }
}
