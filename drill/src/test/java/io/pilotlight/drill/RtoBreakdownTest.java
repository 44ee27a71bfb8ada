package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.planner.RtoEstimate;
import io.pilotlight.planner.RtoEstimator;
import io.pilotlight.planner.RtoTerm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Terms follow the milestones: overlapping ones say so, missing ones say why, none prints a silent 0. */
class RtoBreakdownTest {

    private static RtoEstimate estimate() {
        return new RtoEstimate(List.of(new RtoTerm(RtoEstimator.SCALE_UP, Duration.ofSeconds(180), "ready", ""),
                new RtoTerm(RtoEstimator.STANDBY_CONFIRMATION, Duration.ofSeconds(30), "3 x 10s", ""),
                new RtoTerm(RtoEstimator.DNS_TTL, Duration.ofSeconds(60), "ttl", ""),
                new RtoTerm(RtoEstimator.CLIENT_CACHE, Duration.ofSeconds(30), "cache", "")));
    }

    private static RtoBreakdown.Term term(List<RtoBreakdown.Term> terms, String name) {
        return terms.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFirstSuccessBeforeTheDnsChangeIsAnOverlapNotAZeroSecondTerm() {
        // switchover: "first client success" 1.7 s before "DNS answer changed" at 3.4 s printed 0.0s with no note
        List<Milestone> milestones = List.of(new Milestone("DNS answer changed", 3_400, ""), new Milestone("first client success", 1_700, ""));
        var ttl = term(RtoBreakdown.of(estimate(), milestones), RtoEstimator.DNS_TTL);
        assertThat(ttl.measuredMillis()).isEqualTo(-1);
        assertThat(ttl.measuredAs()).contains("overlaps").contains("1.7 s before DNS answer changed");
    }

    @Test
    void theWaitForTheNewAnswerIsChargedOnceToTheTtlOrToTheClientsCache() {
        // the realistic drill: standby healthy at 178.5 s, DNS changed at 178.6 s, first success at 220.8 s (TTL 60 s)
        List<Milestone> milestones = List.of(new Milestone("compute ready", 151_100, ""), new Milestone("standby healthy", 178_500, ""),
                new Milestone("DNS answer changed", 178_600, ""), new Milestone("first client success", 220_800, ""));
        var honouringTtl = RtoBreakdown.of(estimate(), milestones, false);
        assertThat(term(honouringTtl, RtoEstimator.STANDBY_CONFIRMATION).measuredMillis()).isEqualTo(27_400);
        assertThat(term(honouringTtl, RtoEstimator.DNS_TTL).measuredMillis()).isEqualTo(42_200);
        assertThat(term(honouringTtl, RtoEstimator.CLIENT_CACHE).measuredAs()).contains("does not apply").contains("honour the TTL");
        var caching = RtoBreakdown.of(estimate(), milestones, true);
        assertThat(term(caching, RtoEstimator.CLIENT_CACHE).measuredMillis()).isEqualTo(42_200);
        assertThat(term(caching, RtoEstimator.DNS_TTL).measuredAs()).contains("does not apply");
    }

    @Test
    void aTermWhoseMilestoneWasNotSeenSaysSo() {
        var terms = RtoBreakdown.of(estimate(), List.of(new Milestone("compute ready", 3_000, ""), new Milestone("standby healthy", -1, "")));
        assertThat(term(terms, RtoEstimator.STANDBY_CONFIRMATION).measuredAs()).contains("does not apply (standby healthy was not seen)");
    }

    @Test
    void theClientsSustainTailIsMeasuredFromTheFirstClientSuccessToSustainedUnderThePlannersTermName() {
        // the benchmark's loaded drill: 5.5 s from the first client success to sustained, a tail the planner had no term for
        RtoEstimate estimate = new RtoEstimate(List.of(new RtoTerm(RtoEstimator.DNS_TTL, Duration.ofSeconds(1), "ttl", ""),
                new RtoTerm(RtoEstimator.CLIENTS_SUSTAIN, Duration.ofMillis(4_100), "timeout + retry + 2s", "")));
        List<Milestone> milestones = List.of(new Milestone("DNS answer changed", 16_000, ""), new Milestone("first client success", 17_500, ""),
                new Milestone("sustained", 23_000, ""));
        var terms = RtoBreakdown.of(estimate, milestones);
        assertThat(term(terms, RtoEstimator.CLIENTS_SUSTAIN).measuredMillis()).isEqualTo(5_500);
        assertThat(term(terms, RtoEstimator.CLIENTS_SUSTAIN).measuredAs()).isEqualTo("first client success → sustained");
        var gray = RtoBreakdown.of(estimate, List.of(new Milestone("first client success", -1, ""), new Milestone("sustained", 9_000, "")));
        assertThat(term(gray, RtoEstimator.CLIENTS_SUSTAIN).measuredAs()).contains("does not apply (first client success was not seen)");
    }
}
