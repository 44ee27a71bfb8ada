package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpoDecisionTest {
    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration LOOK = Duration.ofMillis(250);

    @Test
    void holdsWhenTheBestStandbyWouldPassTheBoundBeforeTheNextLook() {
        assertThat(RpoDecision.decide(false, Duration.ofMillis(700), BOUND, LOOK).hold()).isFalse();
        RpoDecision hold = RpoDecision.decide(false, Duration.ofMillis(800), BOUND, LOOK);
        assertThat(hold.hold()).isTrue();
        assertThat(hold.change()).isTrue();
        assertThat(hold.reason()).contains("lags 800ms").contains("commits wait for a standby");
    }

    @Test
    void holdsAtOnceWhenNoStandbyStreams() {
        RpoDecision hold = RpoDecision.decide(false, null, BOUND, LOOK);
        assertThat(hold.hold()).isTrue();
        assertThat(hold.reason()).startsWith("no standby streams");
        assertThat(RpoDecision.decide(true, null, BOUND, LOOK).change()).isFalse();
    }

    @Test
    void releasesOnlyUnderHalfTheBound() {
        assertThat(RpoDecision.decide(true, Duration.ofMillis(600), BOUND, LOOK).hold()).isTrue();
        RpoDecision release = RpoDecision.decide(true, Duration.ofMillis(500), BOUND, LOOK);
        assertThat(release.hold()).isFalse();
        assertThat(release.change()).isTrue();
        assertThat(release.reason()).contains("commits no longer wait");
    }

    @Test
    void aLookOfAQuarterBoundBetween50msAnd1s() {
        assertThat(RpoGuard.period(Duration.ofSeconds(1))).isEqualTo(LOOK);
        assertThat(RpoGuard.period(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(50));
        assertThat(RpoGuard.period(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
    }
}
