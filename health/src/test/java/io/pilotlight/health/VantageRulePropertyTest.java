package io.pilotlight.health;

import static io.pilotlight.health.HealthStatus.HEALTHY;
import static io.pilotlight.health.HealthStatus.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class VantageRulePropertyTest {

    private static Map<String, HealthStatus> checkers(HealthStatus... statuses) {
        Map<String, HealthStatus> byChecker = new LinkedHashMap<>();
        String[] names = {"eu", "us", "ap", "sa", "af"};
        for (int i = 0; i < statuses.length; i++) {
            byChecker.put(names[i], statuses[i]);
        }
        return byChecker;
    }

    @Property
    void withEveryCheckerDecidedHealthyMeansMoreThanTheFraction(@ForAll @Size(min = 1, max = 5) List<Boolean> seen,
                                                               @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        HealthStatus[] statuses = seen.stream().map(h -> h ? HEALTHY : UNHEALTHY).toArray(HealthStatus[]::new);
        long healthy = seen.stream().filter(h -> h).count();
        HealthStatus expected = healthy > fraction * seen.size() ? HEALTHY : UNHEALTHY;
        assertThat(VantageRule.aggregate(checkers(statuses), fraction).status()).isEqualTo(expected);
    }

    @Property
    void moreHealthyCheckersNeverMakeItWorse(@ForAll @IntRange(min = 1, max = 5) int total, @ForAll @IntRange(min = 0, max = 4) int healthy,
                                             @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        int h = Math.min(healthy, total - 1);
        HealthStatus[] fewer = new HealthStatus[total];
        HealthStatus[] more = new HealthStatus[total];
        for (int i = 0; i < total; i++) {
            fewer[i] = i < h ? HEALTHY : UNHEALTHY;
            more[i] = i <= h ? HEALTHY : UNHEALTHY;
        }
        if (VantageRule.aggregate(checkers(fewer), fraction).status() == HEALTHY) {
            assertThat(VantageRule.aggregate(checkers(more), fraction).status()).isEqualTo(HEALTHY);
        }
    }
}
