package io.pilotlight.orchestrator.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.HealthStatus;
import io.pilotlight.orchestrator.decide.Controller;
import io.pilotlight.orchestrator.decide.ControllerSettings;
import io.pilotlight.orchestrator.decide.Decision;
import io.pilotlight.orchestrator.decide.RegionView;
import io.pilotlight.orchestrator.decide.Snapshot;
import io.pilotlight.topology.FailoverMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
    private static final Instant FAULT = Instant.parse("2026-12-05T07:00:00Z");
    private static final ControllerSettings TWO_MINUTES = new ControllerSettings(FailoverMode.AUTOMATIC, Duration.ofMinutes(2),
            Duration.ofMinutes(5));

    private static Decision decide(HealthStatus primary, Instant now, long lagMillis) {
        Map<String, RegionView> regions = new LinkedHashMap<>();
        regions.put("east", new RegionView("east", primary, false, 0, true, 0));
        regions.put("west", new RegionView("west", HealthStatus.HEALTHY, true, lagMillis, false, 0));
        return Controller.decide(new Snapshot(now, "east", regions, primary == HealthStatus.UNHEALTHY ? FAULT : null, null), TWO_MINUTES);
    }

    @Test
    void aTwoMinuteDecisionDelayLogsOneConfirmingLineNotOneEveryTick() {
        List<String> lines = new ArrayList<>();
        DecisionLog log = new DecisionLog(lines::add);
        log.record(decide(HealthStatus.HEALTHY, FAULT.minusSeconds(1), 0));
        for (long tick = 0; tick < 480; tick++) { // every 250 ms for 2 minutes, the replica's lag changing too
            log.record(decide(HealthStatus.UNHEALTHY, FAULT.plusMillis(tick * 250), 200 + tick % 7));
        }
        log.record(decide(HealthStatus.UNHEALTHY, FAULT.plusSeconds(120), 250));
        log.record(decide(HealthStatus.UNHEALTHY, FAULT.plusSeconds(120).plusMillis(250), 250));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("decision NONE: primary east is healthy");
        assertThat(lines.get(1)).startsWith("decision CONFIRMING: primary east unhealthy for 0s; confirming for 2m");
        assertThat(lines.get(2)).startsWith("decision FAIL_OVER: primary east unhealthy for 2m (confirmed after 2m)");
        assertThat(lines.get(3)).as("each failover is an act and is logged").startsWith("decision FAIL_OVER");
    }

    @Test
    void aChangeOfWordsIsLoggedEvenWithTheSameAction() {
        List<String> lines = new ArrayList<>();
        DecisionLog log = new DecisionLog(lines::add);
        assertThat(log.record(decide(HealthStatus.HEALTHY, FAULT, 0))).isTrue();
        assertThat(log.record(decide(HealthStatus.HEALTHY, FAULT.plusSeconds(1), 0))).isFalse();
        assertThat(log.record(decide(HealthStatus.UNKNOWN, FAULT.plusSeconds(2), 0))).as("healthy -> unknown is news").isTrue();
        assertThat(log.record(decide(HealthStatus.HEALTHY, FAULT.plusSeconds(3), 0))).isTrue();
        assertThat(lines).containsExactly("decision NONE: primary east is healthy", "decision NONE: primary east is unknown",
                "decision NONE: primary east is healthy");
    }
}
