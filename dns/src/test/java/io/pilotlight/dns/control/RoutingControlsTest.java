package io.pilotlight.dns.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingControlsTest {
    private static final List<String> API = List.of("api.example.com/primary", "api.example.com/secondary");
    private static final SafetyRule ONE_ON = new SafetyRule("keep one api member on", API, 1);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void everyControlStartsOn() {
        RoutingControls controls = new RoutingControls(API, List.of(ONE_ON), Duration.ZERO, null, Clock.systemUTC());
        assertThat(controls.isOn("api.example.com/primary")).isTrue();
        assertThat(controls.list()).hasSize(2).allMatch(ControlState::on);
    }

    @Test
    void aChangeThatBreaksASafetyRuleIsRefusedWithTheRuleNamed() {
        RoutingControls controls = new RoutingControls(API, List.of(ONE_ON), Duration.ZERO, null, Clock.systemUTC());
        assertThat(controls.set("api.example.com/primary", false, "ops", "drain").applied()).isTrue();
        ChangeDecision refused = controls.set("api.example.com/secondary", false, "ops", "oops");
        assertThat(refused.applied()).isFalse();
        assertThat(refused.reason()).contains("keep one api member on");
        assertThat(controls.isOn("api.example.com/secondary")).isTrue();
    }

    @Test
    void theWaitPeriodRefusesFlapping() {
        ManualClock clock = new ManualClock();
        RoutingControls controls = new RoutingControls(API, List.of(ONE_ON), Duration.ofSeconds(30), null, clock);
        assertThat(controls.set("api.example.com/primary", false, "ops", null).applied()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        ChangeDecision early = controls.set("api.example.com/primary", true, "ops", null);
        assertThat(early.applied()).isFalse();
        assertThat(early.reason()).contains("wait period is 30s").contains("try again in 20s");
        clock.advance(Duration.ofSeconds(20));
        assertThat(controls.set("api.example.com/primary", true, "ops", null).applied()).isTrue();
    }

    @Test
    void anUnknownControlIsRefusedWithTheKnownOnes() {
        RoutingControls controls = new RoutingControls(API, List.of(), Duration.ZERO, null, Clock.systemUTC());
        ChangeDecision decision = controls.set("api.example.com/tertiary", false, "ops", null);
        assertThat(decision.applied()).isFalse();
        assertThat(decision.reason()).contains("api.example.com/primary");
    }

    @Test
    void stateSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("routing-controls.json");
        RoutingControls first = new RoutingControls(API, List.of(ONE_ON), Duration.ZERO, file, Clock.systemUTC());
        first.set("api.example.com/primary", false, "alice", "region drained for maintenance");
        RoutingControls restarted = new RoutingControls(API, List.of(ONE_ON), Duration.ZERO, file, Clock.systemUTC());
        assertThat(restarted.isOn("api.example.com/primary")).isFalse();
        ControlState state = restarted.list().get(0);
        assertThat(state.changedBy()).isEqualTo("alice");
        assertThat(state.reason()).isEqualTo("region drained for maintenance");
        assertThat(state.changedAt()).isNotNull();
    }

    @Test
    void listenersHearEveryDecision() {
        RoutingControls controls = new RoutingControls(API, List.of(ONE_ON), Duration.ZERO, null, Clock.systemUTC());
        List<ChangeDecision> heard = new java.util.ArrayList<>();
        controls.subscribe(heard::add);
        controls.set("api.example.com/primary", false, "ops", null);
        controls.set("api.example.com/secondary", false, "ops", null);
        assertThat(heard).extracting(ChangeDecision::applied).containsExactly(true, false);
    }
}
