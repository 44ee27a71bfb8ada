package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.health.TestHttpServer.Reply;
import io.pilotlight.topology.HealthCheck;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A monitor that replaces another (a zone reload) keeps what the old one knew about unchanged checks. */
class ContinueFromTest {

    @Test
    void aReloadDoesNotForgetAnOutageNorRestartTheCounts() {
        try (TestHttpServer down = new TestHttpServer()) {
            down.answer(Reply.of(503));
            HealthCheck check = Checks.http(down.port()).every(Duration.ofMillis(100), 2, Duration.ofMillis(80)).build();
            HealthCheck changed = Checks.http(down.port()).path("/other").every(Duration.ofMillis(100), 2, Duration.ofMillis(80)).build();
            HealthMonitor old = HealthMonitor.builder().checks(Map.of("same", check, "changed", check)).build();
            old.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> old.snapshot().values().stream().allMatch(s -> s == HealthStatus.UNHEALTHY));
            old.close();

            try (HealthMonitor next = HealthMonitor.builder().checks(Map.of("same", check, "changed", changed))
                    .continueFrom(old).build()) {
                assertThat(next.status("same")).as("unchanged check keeps its verdict").isEqualTo(HealthStatus.UNHEALTHY);
                assertThat(next.status("changed")).as("changed check starts afresh").isEqualTo(HealthStatus.HEALTHY);
                assertThat(next.details("same").orElseThrow().vantages().get(0).consecutiveFailures()).isGreaterThanOrEqualTo(2);
                assertThat(next.details("same").orElseThrow().since()).isEqualTo(old.details("same").orElseThrow().since());
                assertThat(next.events()).isEqualTo(old.events());
            }
        }
    }
}
