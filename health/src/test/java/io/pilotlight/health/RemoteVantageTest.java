package io.pilotlight.health;

import static io.pilotlight.health.HealthStatus.HEALTHY;
import static io.pilotlight.health.HealthStatus.UNHEALTHY;
import static io.pilotlight.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.topology.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checkers another agent runs: their reported states vote like local ones, and a checker without a
 * report votes neither way (so with no remote report the local checkers decide alone).
 */
class RemoteVantageTest {
    private final List<HealthEvent> events = new ArrayList<>();

    private HealthMonitor monitor(double fraction, HealthMonitor previous) {
        HealthMonitor.Builder builder = HealthMonitor.builder()
                .checks(Map.of("api", Checks.http(80).fraction(fraction).build()))
                .vantagePoints(List.of(VantagePoint.of("eu")))
                .remoteVantages(List.of("us", "ap"))
                .clock(new FakeClock());
        if (previous != null) {
            builder.continueFrom(previous);
        }
        HealthMonitor monitor = builder.build();
        monitor.subscribeAll(events::add);
        return monitor; // never started: no probes, only what the test records
    }

    @Test
    void remoteCheckersWithoutAReportDoNotVoteSoTheLocalOneDecidesAlone() {
        HealthMonitor monitor = monitor(0.5, null);
        assertThat(monitor.status("api")).isEqualTo(HEALTHY);
        assertThat(monitor.details("api").orElseThrow().reason()).contains("not counted, no report from us, ap");
        assertThat(monitor.details("api").orElseThrow().vantages()).filteredOn(v -> !v.vantage().equals("eu"))
                .allSatisfy(v -> assertThat(v.status()).isEqualTo(UNKNOWN));
    }

    @Test
    void remoteReportsVoteByTheFractionRuleAndAreEvents() {
        HealthMonitor monitor = monitor(0.5, null);
        monitor.recordRemote("api", "us", UNHEALTHY, "3 consecutive failures (threshold 3)");
        assertThat(monitor.status("api")).as("1 of 2 healthy is not more than 50%").isEqualTo(UNHEALTHY);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.vantage()).isEqualTo("us");
            assertThat(e.to()).isEqualTo(UNHEALTHY);
            assertThat(e.reason()).isEqualTo("reported by its agent: 3 consecutive failures (threshold 3)");
        }).anySatisfy(e -> {
            assertThat(e.vantage()).isEqualTo(HealthEvent.AGGREGATE);
            assertThat(e.to()).isEqualTo(UNHEALTHY);
        });

        monitor.recordRemote("api", "ap", HEALTHY, "3 consecutive successes (threshold 3)");
        assertThat(monitor.status("api")).as("2 of 3 healthy").isEqualTo(HEALTHY);

        int before = events.size();
        monitor.recordRemote("api", "ap", HEALTHY, "3 consecutive successes (threshold 3)");
        assertThat(events).as("the same report again is no event").hasSize(before);
    }

    @Test
    void aWithdrawnReportStopsVotingEitherWay() {
        HealthMonitor monitor = monitor(0.5, null);
        monitor.recordRemote("api", "us", UNHEALTHY, "down");
        monitor.recordRemote("api", "ap", UNHEALTHY, "down");
        assertThat(monitor.status("api")).isEqualTo(UNHEALTHY);

        monitor.forgetRemote("api", "us", "its agent is gone");
        assertThat(monitor.status("api")).as("eu healthy, ap unhealthy: 1 of 2").isEqualTo(UNHEALTHY);
        monitor.forgetRemote("api", "ap", "its agent is gone");
        assertThat(monitor.status("api")).as("eu alone decides").isEqualTo(HEALTHY);
        assertThat(monitor.details("api").orElseThrow().vantages()).filteredOn(v -> v.vantage().equals("us"))
                .singleElement().satisfies(v -> assertThat(v.reason()).contains("its agent is gone").contains("not counted"));
    }

    @Test
    void onlyRemoteCheckersTakeReports() {
        HealthMonitor monitor = monitor(0.5, null);
        assertThatThrownBy(() -> monitor.recordRemote("api", "eu", UNHEALTHY, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no remote checker \"eu\"");
        assertThatThrownBy(() -> monitor.recordRemote("nope", "us", UNHEALTHY, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplacementMonitorKeepsTheRemoteReports() {
        HealthMonitor first = monitor(0.5, null);
        first.recordRemote("api", "us", UNHEALTHY, "down");
        HealthMonitor next = monitor(0.5, first);
        assertThat(next.status("api")).isEqualTo(UNHEALTHY);
        next.forgetRemote("api", "us", "gone");
        assertThat(next.status("api")).isEqualTo(HEALTHY);
    }

    @Test
    void aRemoteNameMustNotRepeatALocalOne() {
        HealthCheck check = Checks.http(80).build();
        assertThatThrownBy(() -> HealthMonitor.builder().checks(Map.of("api", check)).vantagePoints(List.of(VantagePoint.of("eu")))
                .remoteVantages(List.of("eu", "a/b")).build())
                .isInstanceOf(InvalidHealthConfigException.class)
                .hasMessageContaining("\"eu\" is given twice or is also a local vantage point")
                .hasMessageContaining("\"a/b\" is not allowed");
    }
}
