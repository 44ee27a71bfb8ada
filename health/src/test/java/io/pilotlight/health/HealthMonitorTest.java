package io.pilotlight.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.health.TestHttpServer.Reply;
import io.pilotlight.topology.HealthCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The whole monitor on real sockets: schedules, thresholds, the vantage rule and events together. */
class HealthMonitorTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int THRESHOLD = 2;
    /** What the issue promises: failure_threshold × request_interval, plus one interval. */
    private static final Duration BOUND = INTERVAL.multipliedBy(THRESHOLD).plus(INTERVAL);

    private static List<VantagePoint> threeCheckers() {
        return List.of(VantagePoint.bound("eu", "127.0.1.1"), VantagePoint.bound("us", "127.0.1.2"),
                VantagePoint.bound("ap", "127.0.1.3"));
    }

    @Test
    void anEndpointThatGoesDownIsUnhealthyWithinThresholdTimesIntervalPlusOneAndComesBack() {
        TestHttpServer server = new TestHttpServer();
        int port = server.port();
        Map<String, HealthCheck> checks = Map.of("api", Checks.http(port).every(INTERVAL, THRESHOLD, Duration.ofMillis(150)).build());
        List<HealthEvent> aggregate = new CopyOnWriteArrayList<>();
        try (HealthMonitor monitor = HealthMonitor.builder().checks(checks).vantagePoints(threeCheckers()).build()) {
            monitor.subscribe(aggregate::add);
            monitor.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> server.seen.size() >= 6);
            assertThat(monitor.status("api")).isEqualTo(HealthStatus.HEALTHY);

            Instant fault = Instant.now();
            server.close();
            await().atMost(BOUND.plusSeconds(1)).until(() -> monitor.status("api") == HealthStatus.UNHEALTHY);
            HealthEvent down = aggregate.get(0);
            assertThat(Duration.between(fault, down.at())).isLessThanOrEqualTo(BOUND);
            assertThat(down.from()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(down.to()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(down.evidence().error()).isEqualTo("connection refused");
            assertThat(down.reason()).startsWith("0 of 3 checkers (0%) see it healthy; more than 18% needed");

            Instant repair = Instant.now();
            try (TestHttpServer again = new TestHttpServer(port)) {
                assertThat(again.port()).isEqualTo(port);
                await().atMost(BOUND.plusSeconds(1)).until(() -> monitor.status("api") == HealthStatus.HEALTHY);
                HealthEvent up = aggregate.get(1);
                assertThat(Duration.between(repair, up.at())).isLessThanOrEqualTo(BOUND);
                assertThat(up.evidence().httpStatus()).isEqualTo(200);
                assertThat(up.reason()).isEqualTo("1 of 3 checkers (33.3%) see it healthy; more than 18% needed");
            }
            assertThat(monitor.events()).filteredOn(e -> !e.vantage().equals(HealthEvent.AGGREGATE))
                    .extracting(HealthEvent::reason).contains("2 consecutive failures (threshold 2)",
                            "2 consecutive successes (threshold 2)");
        }
    }

    @Test
    void aHangingEndpointDoesNotDelayAFastCheckBesideIt() throws Exception {
        try (RawServer hanging = RawServer.hanging(); TestHttpServer fast = new TestHttpServer()) {
            Map<String, HealthCheck> checks = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                checks.put("hanging-" + i, Checks.http(hanging.port()).every(Duration.ofSeconds(1), 3, Duration.ofMillis(900)).build());
            }
            checks.put("fast", Checks.http(fast.port()).every(Duration.ofMillis(200), 3, Duration.ofMillis(150)).build());
            List<ProbeRecord> fastProbes = new CopyOnWriteArrayList<>();
            try (HealthMonitor monitor = HealthMonitor.builder().checks(checks)
                    .probeListener(probe -> {
                        if (probe.check().equals("fast")) {
                            fastProbes.add(probe);
                        }
                    }).build()) {
                monitor.start();
                Thread.sleep(3000);
                List<ProbeRecord> seen = List.copyOf(fastProbes); // the monitor keeps probing: judge one snapshot
                assertThat(hanging.accepted()).as("the hanging checks did run").isGreaterThanOrEqualTo(20);
                assertThat(seen.size()).as("one probe per 200 ms for 3 s").isGreaterThanOrEqualTo(13);
                assertThat(seen).as("on a cold or busy JVM a probe or two may miss its 150 ms")
                        .filteredOn(p -> p.result().healthy()).hasSizeGreaterThanOrEqualTo(seen.size() - 2);
                assertThat(seen).as("no slot started a whole interval late")
                        .allSatisfy(p -> assertThat(p.startDelay()).isLessThan(Duration.ofMillis(200)));
                assertThat(monitor.status("hanging-0")).as("2 timeouts < threshold 3").isEqualTo(HealthStatus.HEALTHY);
                assertThat(monitor.details("hanging-0").orElseThrow().vantages().get(0).lastResult().error())
                        .isEqualTo("timed out after 900ms");
            }
        }
    }

    @Test
    void theVantageRuleOnRealCheckersOneOfThreeHealthyIsEnoughAtEighteenPercentButNotAtHalf() {
        try (TestHttpServer server = new TestHttpServer()) {
            server.answer(exchange -> exchange.getRemoteAddress().getAddress().getHostAddress().equals("127.0.1.1")
                    ? Reply.of(200) : Reply.of(503));
            Checks check = Checks.http(server.port()).every(Duration.ofMillis(100), 1, Duration.ofMillis(80));
            Map<String, HealthCheck> checks = Map.of("default", check.build(), "half", check.fraction(0.5).build());
            try (HealthMonitor monitor = HealthMonitor.builder().checks(checks).vantagePoints(threeCheckers()).build()) {
                monitor.start();
                await().atMost(Duration.ofSeconds(2)).until(() -> monitor.status("half") == HealthStatus.UNHEALTHY);
                assertThat(monitor.status("default")).isEqualTo(HealthStatus.HEALTHY);
                CheckDetails details = monitor.details("half").orElseThrow();
                assertThat(details.vantages()).extracting(VantageDetails::status)
                        .containsExactly(HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.UNHEALTHY);
                assertThat(details.reason()).isEqualTo("1 of 3 checkers (33.3%) see it healthy; more than 50% needed (unhealthy from us, ap)");
            }
        }
    }

    @Test
    void aColdStartWithUnknownInitialStateIsUnknownNotDown() {
        try (TestHttpServer server = new TestHttpServer()) {
            Map<String, HealthCheck> checks = Map.of("api",
                    Checks.http(server.port()).every(Duration.ofMillis(100), 3, Duration.ofMillis(80)).startingUnknown().build());
            try (HealthMonitor monitor = HealthMonitor.builder().checks(checks).build()) {
                assertThat(monitor.status("api")).isEqualTo(HealthStatus.UNKNOWN);
                monitor.start();
                await().atMost(Duration.ofSeconds(2)).until(() -> monitor.status("api") == HealthStatus.HEALTHY);
                assertThat(monitor.events()).extracting(HealthEvent::from).containsOnly(HealthStatus.UNKNOWN);
            }
        }
    }

    @Test
    void aDisabledCheckSendsNoProbesAndIsHealthy() throws Exception {
        try (TestHttpServer server = new TestHttpServer()) {
            server.answer(Reply.of(500));
            Map<String, HealthCheck> checks = Map.of("off",
                    Checks.http(server.port()).every(Duration.ofMillis(100), 1, Duration.ofMillis(80)).disabled().build());
            try (HealthMonitor monitor = HealthMonitor.builder().checks(checks).build()) {
                monitor.start();
                Thread.sleep(400);
                assertThat(server.seen).isEmpty();
                assertThat(monitor.status("off")).isEqualTo(HealthStatus.HEALTHY);
                assertThat(monitor.details("off").orElseThrow().reason()).isEqualTo("disabled: always healthy");
            }
        }
    }

    @Test
    void aCalculatedCheckFollowsItsChildrenEndToEnd() {
        try (TestHttpServer up = new TestHttpServer(); TestHttpServer down = new TestHttpServer()) {
            down.answer(Reply.of(503));
            Checks fast = Checks.http(0).every(Duration.ofMillis(100), 1, Duration.ofMillis(80));
            fast.port = up.port();
            HealthCheck upCheck = fast.build();
            fast.port = down.port();
            HealthCheck downCheck = fast.build();
            Map<String, HealthCheck> checks = new java.util.LinkedHashMap<>();
            checks.put("up", upCheck);
            checks.put("down", downCheck);
            checks.put("any", Checks.calculated(1, "up", "down").build());
            checks.put("all", Checks.calculated(2, "up", "down").build());
            try (HealthMonitor monitor = HealthMonitor.builder().checks(checks).build()) {
                monitor.start();
                await().atMost(Duration.ofSeconds(2)).until(() -> monitor.status("all") == HealthStatus.UNHEALTHY);
                assertThat(monitor.snapshot()).containsEntry("any", HealthStatus.HEALTHY).containsEntry("down", HealthStatus.UNHEALTHY);
                assertThat(monitor.details("all").orElseThrow().children())
                        .containsExactly(Map.entry("up", HealthStatus.HEALTHY), Map.entry("down", HealthStatus.UNHEALTHY));
            }
        }
    }
}
