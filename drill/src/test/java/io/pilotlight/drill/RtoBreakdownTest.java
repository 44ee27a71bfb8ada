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
        return new RtoEstimate(List.of(new RtoTerm(RtoEstimator.DNS_TTL, Duration.ofSeconds(60), "ttl", ""),
                new RtoTerm(RtoEstimator.CLIENT_CACHE, Duration.ofSeconds(30), "cache", "")));
    }

    @Test
    void aFirstSuccessBeforeTheDnsChangeIsAnOverlapNotAZeroSecondTerm() {
        // switchover: "first client success" 1.7 s before "DNS answer changed" at 3.4 s printed 0.0s with no note
        List<Milestone> milestones = List.of(new Milestone("detected", 1_000, ""), new Milestone("DNS answer changed", 3_400, ""),
                new Milestone("first client success", 1_700, ""));
        var terms = RtoBreakdown.of(estimate(), milestones);
        var cache = terms.stream().filter(t -> t.name().equals(RtoEstimator.CLIENT_CACHE)).findFirst().orElseThrow();
        assertThat(cache.measuredMillis()).isEqualTo(-1);
        assertThat(cache.measuredAs()).contains("overlaps").contains("1.7 s before DNS answer changed");
        var ttl = terms.stream().filter(t -> t.name().equals(RtoEstimator.DNS_TTL)).findFirst().orElseThrow();
        assertThat(ttl.measuredMillis()).isEqualTo(2_400);
    }

    @Test
    void aTermWhoseMilestoneWasNotSeenSaysSo() {
        var terms = RtoBreakdown.of(estimate(), List.of(new Milestone("DNS answer changed", 3_000, ""),
                new Milestone("first client success", -1, "")));
        var cache = terms.stream().filter(t -> t.name().equals(RtoEstimator.CLIENT_CACHE)).findFirst().orElseThrow();
        assertThat(cache.measuredAs()).contains("does not apply (first client success was not seen)");
    }
}
