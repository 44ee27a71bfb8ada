package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticHealthViewTest {

    @Test
    void unsetChecksAreUnknownAndSetOnesAreWhatWasSet() {
        StaticHealthView view = StaticHealthView.of(Map.of("api-eu", HealthStatus.UNHEALTHY));
        assertThat(view.status("api-eu")).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(view.status("api-us")).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(view.snapshot()).containsExactly(Map.entry("api-eu", HealthStatus.UNHEALTHY));
    }

    @Test
    void allHealthyTrustsEveryCheckUntilToldOtherwise() {
        StaticHealthView view = StaticHealthView.allHealthy();
        assertThat(view.status("anything")).isEqualTo(HealthStatus.HEALTHY);
        view.set("anything", HealthStatus.UNHEALTHY);
        assertThat(view.status("anything")).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void subscribersHearChangesOnlyWithTheReason() {
        StaticHealthView view = new StaticHealthView();
        List<HealthEvent> events = new ArrayList<>();
        view.subscribe(events::add);
        view.set("api", HealthStatus.HEALTHY).set("api", HealthStatus.HEALTHY).set("api", HealthStatus.UNHEALTHY, "drill");
        assertThat(events).extracting(HealthEvent::from, HealthEvent::to, HealthEvent::reason, HealthEvent::vantage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(HealthStatus.UNKNOWN, HealthStatus.HEALTHY, "set by hand", HealthEvent.AGGREGATE),
                org.assertj.core.groups.Tuple.tuple(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, "drill", HealthEvent.AGGREGATE));
    }
}
