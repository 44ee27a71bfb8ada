package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BreakdownAndLedgerTest {

    private static RtoTerm term(String name, long seconds) {
        return new RtoTerm(name, Duration.ofSeconds(seconds), "", "");
    }

    @Test
    void eachPlannerTermIsMeasuredBetweenTheMilestonesThatBoundIt() {
        RtoEstimate estimate = new RtoEstimate(List.of(term(RtoEstimator.DETECTION, 30), term(RtoEstimator.DECISION, 120),
                term(RtoEstimator.PROMOTION, 3), term(RtoEstimator.SCALE_UP, 180), term(RtoEstimator.DNS_TTL, 60)));
        List<Milestone> milestones = List.of(new Milestone("detected", 2_000, ""), new Milestone("decided", 3_100, ""),
                new Milestone("promoted", 3_300, ""), new Milestone("compute ready", -1, ""), new Milestone("DNS answer changed", 4_800, ""));
        List<RtoBreakdown.Term> terms = RtoBreakdown.of(estimate, milestones);
        assertThat(terms).extracting(RtoBreakdown.Term::name).containsExactly(RtoEstimator.DETECTION, RtoEstimator.DECISION,
                RtoEstimator.PROMOTION, RtoEstimator.SCALE_UP, RtoEstimator.DNS_TTL);
        assertThat(terms).extracting(RtoBreakdown.Term::estimatedMillis).containsExactly(30_000L, 120_000L, 3_000L, 180_000L, 60_000L);
        assertThat(terms).extracting(RtoBreakdown.Term::measuredMillis).as("a milestone never seen leaves its terms unmeasured")
                .containsExactly(2_000L, 1_100L, 200L, -1L, -1L);
    }

    @Test
    void theLedgerMustNameEveryLostWrite() {
        List<AckedWrite> lost = List.of(new AckedWrite("drill-0-7", "v7", 1), new AckedWrite("drill-1-9", "v9", 2));
        LedgerCheck named = LedgerCheck.of("east", lost, Set.of("item/drill-0-7", "item/drill-1-9", "item/drill-2-3"), 3);
        assertThat(named.matches()).isTrue();
        assertThat(named.ledgerEntries()).isEqualTo(3);
        LedgerCheck silent = LedgerCheck.of("east", lost, Set.of("item/drill-0-7"), 1);
        assertThat(silent.matches()).isFalse();
        assertThat(silent.notInLedger()).containsExactly("drill-1-9");
    }
}
