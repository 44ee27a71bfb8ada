package io.pilotlight.orchestrator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.health.HealthStatus;
import io.pilotlight.topology.FailoverMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ControllerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");
    private static final ControllerSettings AUTO = new ControllerSettings(FailoverMode.AUTOMATIC, Duration.ofSeconds(30), Duration.ofMinutes(5));

    private static Snapshot snapshot(HealthStatus primary, Duration downFor, boolean standbyStore, Instant lastFailover) {
        Map<String, RegionView> regions = new LinkedHashMap<>();
        regions.put("east", new RegionView("east", primary, primary != HealthStatus.UNHEALTHY, 0, true, 4));
        regions.put("west", new RegionView("west", HealthStatus.UNKNOWN, standbyStore, 250, false, 0));
        return new Snapshot(NOW, "east", regions, downFor == null ? null : NOW.minus(downFor), lastFailover);
    }

    @Test
    void aHealthyPrimaryNeedsNothing() {
        Decision decision = Controller.decide(snapshot(HealthStatus.HEALTHY, null, true, null), AUTO);
        assertThat(decision.action()).isEqualTo(Action.NONE);
        assertThat(decision.reason()).isEqualTo("primary east is healthy");
    }

    @Test
    void anUnconfirmedLossIsConfirmedFirst() {
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(12), true, null), AUTO);
        assertThat(decision.action()).isEqualTo(Action.CONFIRMING);
        assertThat(decision.reason()).contains("unhealthy for 12s").contains("confirming for 30s");
    }

    @Test
    void aConfirmedLossFailsOverToTheReachableStandby() {
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(31), true, null), AUTO);
        assertThat(decision.action()).isEqualTo(Action.FAIL_OVER);
        assertThat(decision.target()).isEqualTo("west");
        assertThat(decision.reason()).contains("confirmed after 30s").contains("250ms behind");
    }

    @Test
    void manualModeOnlyAlertsWithTheCommandToRun() {
        ControllerSettings manual = new ControllerSettings(FailoverMode.MANUAL, Duration.ZERO, Duration.ofMinutes(5));
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofMinutes(3), true, null), manual);
        assertThat(decision.action()).isEqualTo(Action.ALERT);
        assertThat(decision.reason()).contains("pilotlight failover FILE --to west");
    }

    /** Regression: backup and restore waited forever with "no other region's store answers" in a drill. */
    @Test
    void backupAndRestoreFailsOverToARegionWithNoStoreBecauseItRestoresTheLatestBackup() {
        ControllerSettings manual = new ControllerSettings(FailoverMode.MANUAL, Duration.ZERO, Duration.ofMinutes(5), true);
        Decision alert = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(5), false, null), manual);
        assertThat(alert.action()).isEqualTo(Action.ALERT);
        assertThat(alert.target()).isEqualTo("west");
        assertThat(alert.reason()).contains("pilotlight failover FILE --to west (it restores the latest backup)");

        ControllerSettings automatic = new ControllerSettings(FailoverMode.AUTOMATIC, Duration.ofSeconds(30), Duration.ofMinutes(5), true);
        Decision act = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(31), false, null), automatic);
        assertThat(act.action()).isEqualTo(Action.FAIL_OVER);
        assertThat(act.reason()).contains("west restores the latest backup: failing over to west");

        assertThat(Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(31), false, null), AUTO).action())
                .as("with replicas, an unreachable replica is still no target").isEqualTo(Action.ALERT);
    }

    @Test
    void antiFlapRefusesASecondAutomaticFailoverTooSoon() {
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofMinutes(1), true, NOW.minus(Duration.ofMinutes(2))), AUTO);
        assertThat(decision.action()).isEqualTo(Action.ALERT);
        assertThat(decision.reason()).contains("last failover was 2m ago").contains("minimum interval 5m");
    }

    @Test
    void withoutAReachableStandbyStoreThereIsNothingToFailOverTo() {
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofMinutes(1), false, null), AUTO);
        assertThat(decision.action()).isEqualTo(Action.ALERT);
        assertThat(decision.reason()).contains("nothing to fail over to");
    }

    @Test
    void unknownHealthIsNotALoss() {
        assertThat(Controller.decide(snapshot(HealthStatus.UNKNOWN, null, true, null), AUTO).action()).isEqualTo(Action.NONE);
    }

    @Property
    void neverFailsOverBeforeTheDecisionDelay(@ForAll @LongRange(min = 0, max = 600) long downSeconds,
                                              @ForAll @LongRange(min = 0, max = 600) long delaySeconds) {
        ControllerSettings settings = new ControllerSettings(FailoverMode.AUTOMATIC, Duration.ofSeconds(delaySeconds), Duration.ofMinutes(5));
        Decision decision = Controller.decide(snapshot(HealthStatus.UNHEALTHY, Duration.ofSeconds(downSeconds), true, null), settings);
        assertThat(decision.action() == Action.FAIL_OVER).isEqualTo(downSeconds >= delaySeconds);
        assertThat(decision.reason()).isNotBlank();
    }
}
