package io.pilotlight.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.Driver;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.Objectives;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternAdvisorTest {

    private static PatternAdvice advise(String rto, String rpo, Driver driver) {
        return PatternAdvisor.advise(new Objectives(Durations.parse(rto), Durations.parse(rpo), driver));
    }

    @ParameterizedTest(name = "RTO {0}, RPO {1} -> {2}")
    @CsvSource({
        "4h, 15m, backup-restore", // the seed article's example: backups and a tested restore
        "1h, 5m, backup-restore", // exactly at the floors
        "59m, 5m, pilot-light",
        "30m, 5m, pilot-light",
        "10m, 1m, pilot-light",
        "5m, 10s, warm-standby",
        "9m, 1m, warm-standby",
        "30m, 30s, warm-standby",
        "45s, 2s, active-active",
        "5m, 0s, active-active"})
    void recommendsTheCheapestPatternThatMeetsBothObjectives(String rto, String rpo, String expected) {
        assertThat(advise(rto, rpo, Driver.REGIONAL_OUTAGE).recommended()).isEqualTo(expected);
    }

    @Test
    void showsAllFourPatternsWithFitCostAndReason() {
        PatternAdvice advice = advise("30m", "5m", Driver.REGIONAL_OUTAGE);
        assertThat(advice.patterns()).extracting(f -> f.profile().name())
                .containsExactly("backup-restore", "pilot-light", "warm-standby", "active-active");
        assertThat(advice.patterns()).extracting(PatternFit::fits).containsExactly(false, true, true, true);
        assertThat(advice.patterns().get(0).reason()).contains("too slow").contains("RTO is 30m");
        assertThat(advice.patterns()).extracting(f -> f.profile().costLabel()).containsExactly("~1x", "~1.2x", "~1.5x", "~2x+");
        assertThat(advice.reason()).contains("cheapest").contains("warm-standby would cost ~1.5x");
    }

    @Test
    void anAzFailureIsAnsweredByMultiAzInOneRegion() {
        PatternAdvice advice = advise("1h", "5m", Driver.AZ_OUTAGE);
        assertThat(advice.recommended()).isEqualTo("multi-az");
        assertThat(advice.driverAdvice().multiRegionNeeded()).isFalse();
        assertThat(advice.driverAdvice().reason()).contains("one region");
    }

    @Test
    void aResidencyLawIsAnsweredByRegionPinnedData() {
        PatternAdvice advice = advise("1h", "5m", Driver.DATA_RESIDENCY);
        assertThat(advice.recommended()).isEqualTo("region-pinned-data");
        assertThat(advice.driverAdvice().reason()).contains("jurisdiction");
    }

    @Test
    void latencyIsAnsweredByReadReplicasOrEdgeCachingNotActiveActive() {
        PatternAdvice advice = advise("30s", "1s", Driver.LATENCY);
        assertThat(advice.recommended()).isEqualTo("read-replicas-or-edge-cache");
        assertThat(advice.driverAdvice().reason()).contains("read replicas").contains("active-active");
        assertThat(advice.cheapestFit().name()).isEqualTo("active-active");
    }

    @Property
    void theRecommendationFitsAndNoCheaperPatternDoes(@ForAll @LongRange(min = 1, max = 200_000) long rtoSeconds,
                                                      @ForAll @LongRange(min = 0, max = 200_000) long rpoSeconds) {
        Duration rto = Duration.ofSeconds(rtoSeconds);
        Duration rpo = Duration.ofSeconds(rpoSeconds);
        PatternAdvice advice = PatternAdvisor.advise(new Objectives(rto, rpo, Driver.REGIONAL_OUTAGE));
        PatternProfile chosen = advice.cheapestFit();
        assertThat(chosen.meets(rto, rpo)).isTrue();
        PatternCatalog.ALL.stream().filter(p -> p.relativeCost() < chosen.relativeCost())
                .forEach(cheaper -> assertThat(cheaper.meets(rto, rpo)).as(cheaper.name()).isFalse());
    }
}
