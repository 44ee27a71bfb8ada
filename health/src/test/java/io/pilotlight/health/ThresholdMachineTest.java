package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.InitialState;
import org.junit.jupiter.api.Test;

class ThresholdMachineTest {

    private static ThresholdState feed(ThresholdState state, int threshold, boolean... results) {
        for (boolean result : results) {
            state = ThresholdMachine.next(state, result, threshold).state();
        }
        return state;
    }

    private static final ThresholdState HEALTHY_START = ThresholdState.initial(InitialState.HEALTHY);
    private static final ThresholdState UNKNOWN_START = ThresholdState.initial(InitialState.UNKNOWN);

    @Test
    void healthyStartTurnsUnhealthyOnlyOnTheThirdConsecutiveFailure() {
        ThresholdState two = feed(HEALTHY_START, 3, false, false);
        assertThat(two.status()).isEqualTo(HealthStatus.HEALTHY);

        Step third = ThresholdMachine.next(two, false, 3);
        assertThat(third.changed()).isTrue();
        assertThat(third.state().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(third.reason()).isEqualTo("3 consecutive failures (threshold 3)");
    }

    @Test
    void unhealthyTurnsBackOnlyAfterThresholdConsecutiveSuccesses() {
        ThresholdState down = feed(HEALTHY_START, 3, false, false, false);
        ThresholdState twoGood = feed(down, 3, true, true);
        assertThat(twoGood.status()).isEqualTo(HealthStatus.UNHEALTHY);

        Step third = ThresholdMachine.next(twoGood, true, 3);
        assertThat(third.state().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(third.reason()).isEqualTo("3 consecutive successes (threshold 3)");
    }

    @Test
    void aFailureInTheMiddleRestartsTheCount() {
        ThresholdState state = feed(HEALTHY_START, 3, false, false, true, false, false);
        assertThat(state.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(ThresholdMachine.next(state, false, 3).state().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void unknownStartStaysUnknownUntilTheFirstFullRunDecides() {
        ThresholdState mixed = feed(UNKNOWN_START, 3, true, false, true, true);
        assertThat(mixed.status()).isEqualTo(HealthStatus.UNKNOWN);

        Step decided = ThresholdMachine.next(mixed, true, 3);
        assertThat(decided.state().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(decided.reason()).isEqualTo("3 consecutive successes (threshold 3): first verdict");

        assertThat(feed(UNKNOWN_START, 2, false, false).status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void thresholdOfOneFollowsEveryResult() {
        ThresholdState state = HEALTHY_START;
        for (boolean result : new boolean[] {false, true, false, false, true}) {
            state = ThresholdMachine.next(state, result, 1).state();
            assertThat(state.status()).isEqualTo(result ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
        }
    }

    @Test
    void reasonsSayHowFarTheRunHasGot() {
        assertThat(ThresholdMachine.next(HEALTHY_START, false, 3).reason())
                .isEqualTo("1 consecutive failure of 3 needed to turn unhealthy; still healthy");
        assertThat(ThresholdMachine.next(HEALTHY_START, true, 3).reason())
                .isEqualTo("still healthy (1 consecutive success)");
    }
}
