package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.topology.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

    @Test
    void everyProblemIsReportedAtOnceWithTheValueAndWhatIsAllowed() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("a", Checks.calculated(1, "b").build());
        checks.put("b", Checks.calculated(1, "a").build());
        checks.put("c", Checks.calculated(3, "a", "ghost").build());
        checks.put("d", Checks.http(80).ip(null).build());
        var builder = HealthMonitor.builder().checks(checks).vantagePoints(List.of(VantagePoint.of("eu"), VantagePoint.of("eu")));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidHealthConfigException.class, e ->
                assertThat(e.problems()).containsExactlyInAnyOrder(
                        "vantage points: \"eu\" is given twice; names must be unique",
                        "health check \"c\": child_health_checks names \"ghost\", which is not a check; known: a, b, c, d",
                        "health check \"c\": health_threshold 3; allowed: 0 to 2 (the number of child checks)",
                        "health check \"d\": neither fqdn nor ip_address is set; a HTTP check needs one to connect to",
                        "calculated checks form a cycle: a -> b -> a; a check cannot depend on itself"));
    }

    @Test
    void aResourcePathThatWouldBreakTheRequestLineIsRefusedNotRewritten() {
        var builder = HealthMonitor.builder().checks(Map.of("api", Checks.http(80).path("/health z\r\nX: 1").build()));
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidHealthConfigException.class, e ->
                assertThat(e.problems()).singleElement().asString().startsWith("health check \"api\": resource_path \"/health z")
                        .endsWith("allowed: a path starting with /, without spaces or control characters (percent-encode them)"));
    }

    @Test
    void aVantagePointMustBeBoundToAnIpAddress() {
        assertThatThrownBy(() -> VantagePoint.bound("eu", "eu-west.example"))
                .hasMessageContaining("source address \"eu-west.example\" is not an IP address");
        assertThatThrownBy(() -> VantagePoint.of(HealthEvent.AGGREGATE)).hasMessageContaining("not \"aggregate\"");
    }

    @Test
    void noChecksIsAValidMonitorThatKnowsNothing() {
        try (HealthMonitor monitor = HealthMonitor.builder().build()) {
            monitor.start();
            assertThat(monitor.snapshot()).isEmpty();
            assertThat(monitor.status("anything")).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(monitor.details("anything")).isEmpty();
        }
    }

    @Test
    void aClosedMonitorCannotStartAgain() {
        HealthMonitor monitor = HealthMonitor.builder().build();
        monitor.close();
        assertThatThrownBy(monitor::start).hasMessageContaining("closed; build a new one");
    }
}
