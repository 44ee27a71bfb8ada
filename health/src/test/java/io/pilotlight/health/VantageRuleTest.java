package io.pilotlight.health;

import static io.pilotlight.health.HealthStatus.HEALTHY;
import static io.pilotlight.health.HealthStatus.UNHEALTHY;
import static io.pilotlight.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VantageRuleTest {

    private static Map<String, HealthStatus> checkers(HealthStatus... statuses) {
        Map<String, HealthStatus> byChecker = new LinkedHashMap<>();
        String[] names = {"eu", "us", "ap", "sa", "af"};
        for (int i = 0; i < statuses.length; i++) {
            byChecker.put(names[i], statuses[i]);
        }
        return byChecker;
    }

    @Test
    void oneOfThreeIsMoreThanEighteenPercentSoHealthy() {
        Verdict verdict = VantageRule.aggregate(checkers(HEALTHY, UNHEALTHY, UNHEALTHY), 0.18);
        assertThat(verdict.status()).isEqualTo(HEALTHY);
        assertThat(verdict.reason()).isEqualTo("1 of 3 checkers (33.3%) see it healthy; more than 18% needed");
    }

    @Test
    void noneOfThreeIsUnhealthyAndNamesTheCheckers() {
        Verdict verdict = VantageRule.aggregate(checkers(UNHEALTHY, UNHEALTHY, UNHEALTHY), 0.18);
        assertThat(verdict.status()).isEqualTo(UNHEALTHY);
        assertThat(verdict.reason()).isEqualTo("0 of 3 checkers (0%) see it healthy; more than 18% needed (unhealthy from eu, us, ap)");
    }

    @Test
    void withHalfRequiredOneOfThreeIsUnhealthy() {
        assertThat(VantageRule.aggregate(checkers(HEALTHY, UNHEALTHY, UNHEALTHY), 0.5).status()).isEqualTo(UNHEALTHY);
        assertThat(VantageRule.aggregate(checkers(HEALTHY, HEALTHY, UNHEALTHY), 0.5).status()).isEqualTo(HEALTHY);
    }

    @Test
    void exactlyTheFractionIsNotEnough() {
        assertThat(VantageRule.aggregate(checkers(HEALTHY, UNHEALTHY), 0.5).status()).isEqualTo(UNHEALTHY);
    }

    @Test
    void aSingleCheckerDecidesAlone() {
        assertThat(VantageRule.aggregate(checkers(HEALTHY), 0.18).status()).isEqualTo(HEALTHY);
        assertThat(VantageRule.aggregate(checkers(UNHEALTHY), 0.18).status()).isEqualTo(UNHEALTHY);
        assertThat(VantageRule.aggregate(checkers(UNKNOWN), 0.18).status()).isEqualTo(UNKNOWN);
        assertThat(VantageRule.aggregate(checkers(UNHEALTHY), 0.18).reason()).isEqualTo("checker eu sees it unhealthy");
    }

    @Test
    void allUnknownIsUnknown() {
        Verdict verdict = VantageRule.aggregate(checkers(UNKNOWN, UNKNOWN, UNKNOWN), 0.18);
        assertThat(verdict.status()).isEqualTo(UNKNOWN);
        assertThat(verdict.reason()).isEqualTo("no checker has a verdict yet");
    }

    @Test
    void unknownCheckersDoNotCountAsHealthyButKeepAColdStartFromReportingDown() {
        assertThat(VantageRule.aggregate(checkers(HEALTHY, UNKNOWN, UNKNOWN), 0.5).status()).isEqualTo(UNKNOWN);
        assertThat(VantageRule.aggregate(checkers(UNHEALTHY, UNHEALTHY, UNKNOWN), 0.5).status()).isEqualTo(UNHEALTHY);
        assertThat(VantageRule.aggregate(checkers(UNHEALTHY, UNKNOWN, UNKNOWN), 0.18).status()).isEqualTo(UNKNOWN);
    }
}
