package io.pilotlight.health;

import static io.pilotlight.health.HealthStatus.HEALTHY;
import static io.pilotlight.health.HealthStatus.UNHEALTHY;
import static io.pilotlight.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalculatedAndFlagsTest {

    private static Map<String, HealthStatus> children(HealthStatus a, HealthStatus b, HealthStatus c) {
        Map<String, HealthStatus> map = new LinkedHashMap<>();
        map.put("a", a);
        map.put("b", b);
        map.put("c", c);
        return map;
    }

    @Test
    void healthyWhenAtLeastThresholdChildrenAreHealthy() {
        Verdict two = CalculatedRule.evaluate(children(HEALTHY, UNHEALTHY, HEALTHY), 2);
        assertThat(two.status()).isEqualTo(HEALTHY);
        assertThat(two.reason()).isEqualTo("2 of 3 child checks healthy, at least 2 needed");

        Verdict one = CalculatedRule.evaluate(children(HEALTHY, UNHEALTHY, UNHEALTHY), 2);
        assertThat(one.status()).isEqualTo(UNHEALTHY);
        assertThat(one.reason()).isEqualTo("1 of 3 child checks healthy, at least 2 needed (unhealthy: b, c)");
    }

    @Test
    void thresholdZeroIsAlwaysHealthy() {
        assertThat(CalculatedRule.evaluate(children(UNHEALTHY, UNHEALTHY, UNHEALTHY), 0).status()).isEqualTo(HEALTHY);
    }

    @Test
    void unknownChildrenThatCouldMakeUpTheNumberGiveUnknown() {
        assertThat(CalculatedRule.evaluate(children(HEALTHY, UNKNOWN, UNHEALTHY), 2).status()).isEqualTo(UNKNOWN);
        assertThat(CalculatedRule.evaluate(children(UNKNOWN, UNHEALTHY, UNHEALTHY), 2).status()).isEqualTo(UNHEALTHY);
    }

    @Test
    void invertedSwapsHealthyAndUnhealthyButNotUnknown() {
        var inverted = Checks.http(80).inverted().build();
        assertThat(CheckFlags.apply(inverted, new Verdict(HEALTHY, "up")).status()).isEqualTo(UNHEALTHY);
        assertThat(CheckFlags.apply(inverted, new Verdict(UNHEALTHY, "down")).status()).isEqualTo(HEALTHY);
        assertThat(CheckFlags.apply(inverted, new Verdict(UNKNOWN, "cold")).status()).isEqualTo(UNKNOWN);
        assertThat(CheckFlags.apply(inverted, new Verdict(UNHEALTHY, "down")).reason()).isEqualTo("inverted (down)");
    }

    @Test
    void disabledIsAlwaysHealthy() {
        var disabled = Checks.http(80).disabled().build();
        for (HealthStatus measured : HealthStatus.values()) {
            Verdict verdict = CheckFlags.apply(disabled, new Verdict(measured, "measured"));
            assertThat(verdict.status()).isEqualTo(HEALTHY);
            assertThat(verdict.reason()).isEqualTo("disabled: always healthy");
        }
    }

    @Test
    void disabledAndInvertedIsUnhealthyAsInRoute53() {
        var both = Checks.http(80).disabled().inverted().build();
        assertThat(CheckFlags.apply(both, new Verdict(HEALTHY, "up")).status()).isEqualTo(UNHEALTHY);
    }
}
