package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.InitialState;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ThresholdMachinePropertyTest {

    private static final ThresholdState HEALTHY_START = ThresholdState.initial(InitialState.HEALTHY);
    private static final ThresholdState UNKNOWN_START = ThresholdState.initial(InitialState.UNKNOWN);

    /** The verdict is the outcome of the latest run of at least {@code threshold} identical results, else the initial state. */
    @Property
    void verdictIsTheLatestCompleteRun(@ForAll @Size(max = 40) List<Boolean> results, @ForAll @IntRange(min = 1, max = 10) int threshold,
                                       @ForAll boolean startUnknown) {
        ThresholdState state = startUnknown ? UNKNOWN_START : HEALTHY_START;
        HealthStatus expected = state.status();
        int run = 0;
        for (int i = 0; i < results.size(); i++) {
            run = i > 0 && results.get(i) == results.get(i - 1) ? run + 1 : 1;
            if (run >= threshold) {
                expected = results.get(i) ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
            }
            state = ThresholdMachine.next(state, results.get(i), threshold).state();
            assertThat(state.status()).isEqualTo(expected);
        }
    }

    @Property
    void aChangeAlwaysFollowsExactlyThresholdOrMoreIdenticalResults(@ForAll @Size(max = 40) List<Boolean> results,
                                                                   @ForAll @IntRange(min = 1, max = 10) int threshold) {
        ThresholdState state = HEALTHY_START;
        for (boolean result : results) {
            Step step = ThresholdMachine.next(state, result, threshold);
            if (step.changed()) {
                assertThat(step.state().streak()).isGreaterThanOrEqualTo(threshold);
                assertThat(step.state().status()).isEqualTo(result ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY);
            }
            assertThat(step.state().status()).isNotEqualTo(HealthStatus.UNKNOWN);
            state = step.state();
        }
    }
}
