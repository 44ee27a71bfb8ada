package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.topology.HealthCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the fault was injected while the standby's check was still in its initial "healthy"
 * state. A drill starts only once every check has a run of results as long as its threshold.
 */
class HealthSettledTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String check(String name, int successes, int failures) {
        return "{\"name\":\"" + name + "\",\"status\":\"HEALTHY\",\"vantages\":[{\"vantage\":\"east\",\"consecutiveSuccesses\":" + successes
                + ",\"consecutiveFailures\":" + failures + "}]}";
    }

    @Test
    void aStandbyCheckStillInItsInitialStateHoldsTheFaultBack() throws Exception {
        Map<String, HealthCheck> none = Map.of(); // undeclared checks count with a threshold of 1
        assertThat(HealthSettled.of(JSON.readTree("[" + check("api-east", 5, 0) + "," + check("api-west", 0, 0) + "]"), none))
                .as("api-west has no result yet: its 'healthy' is only its initial state").isFalse();
        assertThat(HealthSettled.of(JSON.readTree("[" + check("api-east", 5, 0) + "," + check("api-west", 0, 1) + "]"), none)).isTrue();
    }
}
