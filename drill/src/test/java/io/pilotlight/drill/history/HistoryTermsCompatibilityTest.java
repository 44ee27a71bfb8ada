package io.pilotlight.drill.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.planner.drills.DrillVerdict;
import io.pilotlight.topology.DrillScenario;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-term measurements added for issue 17 keep every history line written before them readable. */
class HistoryTermsCompatibilityTest {
    private static final String OLD_LINE = "{\"at\":\"2026-11-28T05:38:43.642Z\",\"topology\":\"shop-api-lab\",\"drill\":null,"
            + "\"scenario\":\"region-outage\",\"target\":\"us-east-1\",\"verdict\":\"met\",\"rto_seconds\":7.0,\"lost_writes\":4,"
            + "\"data_loss_window_seconds\":0.0,\"report\":\".pilotlight/drills/x\"}";

    @Test
    void aLineWithoutTermsStillReads() {
        DrillRecord record = DrillRecordJson.fromLine(OLD_LINE);
        assertThat(record.termSeconds()).isEmpty();
        assertThat(record.asRun().rtoSeconds()).isEqualTo(7.0);
    }

    @Test
    void termsRoundTripAndReachThePlanner() {
        DrillRecord record = new DrillRecord(Instant.parse("2026-12-05T08:00:00Z"), "shop", null, DrillScenario.REGION_OUTAGE, "east",
                DrillVerdict.MET, 7.0, 3, 0.0, null, null, Map.of("detection", 2.0, "data promotion", 0.25));
        String line = DrillRecordJson.toLine(record);
        assertThat(line).contains("\"terms\":{");
        DrillRecord back = DrillRecordJson.fromLine(line);
        assertThat(back.termSeconds()).containsEntry("detection", 2.0).containsEntry("data promotion", 0.25);
        assertThat(back.asRun().termSeconds()).isEqualTo(back.termSeconds());
    }

    @Test
    void aLineWithoutTermsIsWrittenWithoutTheField() {
        assertThat(DrillRecordJson.toLine(DrillRecordJson.fromLine(OLD_LINE))).doesNotContain("terms");
    }

    @Test
    void aBadTermNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> DrillRecordJson.fromLine(OLD_LINE.replace("}", ",\"terms\":{\"detection\":\"fast\"}}")))
                .hasMessageContaining("field \"terms\": \"detection\": \"fast\" is not a number of seconds");
    }

    @Test
    void anOverlappingTermIsRecordedAsAddingNothingAndAnUnseenOneIsLeftOut() {
        var estimate = new io.pilotlight.planner.RtoEstimate(java.util.List.of(
                new io.pilotlight.planner.RtoTerm("data promotion", java.time.Duration.ofSeconds(3), "", ""),
                new io.pilotlight.planner.RtoTerm("compute scale-up", java.time.Duration.ofSeconds(10), "", ""),
                new io.pilotlight.planner.RtoTerm("DNS TTL", java.time.Duration.ofSeconds(1), "", "")));
        var milestones = java.util.List.of(new io.pilotlight.drill.Milestone("decided", 1000, ""), new io.pilotlight.drill.Milestone("promoted", 3000, ""),
                new io.pilotlight.drill.Milestone("compute ready", 2500, ""));
        var terms = DrillRecord.measuredTerms(io.pilotlight.drill.RtoBreakdown.of(estimate, milestones));
        assertThat(terms).containsEntry("data promotion", 2.0).containsEntry("compute scale-up", 0.0).doesNotContainKey("DNS TTL");
    }

    @Test
    void theClientsSustainTailIsRecordedUnderThePlannersTermSoCalibrationFindsIt() {
        var estimate = new io.pilotlight.planner.RtoEstimate(java.util.List.of(new io.pilotlight.planner.RtoTerm(
                io.pilotlight.planner.RtoEstimator.CLIENTS_SUSTAIN, java.time.Duration.ofMillis(4_100), "", "")));
        var milestones = java.util.List.of(new io.pilotlight.drill.Milestone("first client success", 17_500, ""),
                new io.pilotlight.drill.Milestone("sustained", 23_000, ""));
        var terms = DrillRecord.measuredTerms(io.pilotlight.drill.RtoBreakdown.of(estimate, milestones));
        assertThat(terms).containsExactly(java.util.Map.entry("clients sustain", 5.5));
    }
}
