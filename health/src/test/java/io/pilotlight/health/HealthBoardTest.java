package io.pilotlight.health;

import static io.pilotlight.health.HealthStatus.HEALTHY;
import static io.pilotlight.health.HealthStatus.UNHEALTHY;
import static io.pilotlight.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.HealthCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The board without a network: results fed by hand, time from a fake clock. */
class HealthBoardTest {
    private final FakeClock clock = new FakeClock();
    private final EventLog log = new EventLog(1000);
    private final List<HealthEvent> all = new ArrayList<>();
    private final List<HealthEvent> aggregate = new ArrayList<>();

    private HealthBoard board(Map<String, HealthCheck> checks, String... vantages) {
        log.subscribeAll(all::add);
        log.subscribeAggregate(aggregate::add);
        List<VantagePoint> points = java.util.Arrays.stream(vantages).map(VantagePoint::of).toList();
        return new HealthBoard(checks, points, log, clock);
    }

    private static Map<String, HealthCheck> checks(Object... nameAndCheck) {
        Map<String, HealthCheck> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCheck.length; i += 2) {
            map.put((String) nameAndCheck[i], ((Checks) nameAndCheck[i + 1]).build());
        }
        return map;
    }

    @Test
    void aColdStartReportsTheInitialStateAndNoEvents() {
        HealthBoard board = board(checks("up", Checks.http(80), "cold", Checks.http(81).startingUnknown()), "eu", "us");
        assertThat(board.snapshot()).containsEntry("up", HEALTHY).containsEntry("cold", UNKNOWN);
        assertThat(board.status("no-such-check")).isEqualTo(UNKNOWN);
        assertThat(all).isEmpty();
    }

    @Test
    void eachCheckerChangesOnItsOwnThresholdAndTheAggregateFollowsTheFractionRule() {
        HealthBoard board = board(checks("api", Checks.http(80).fraction(0.5)), "eu", "us", "ap");
        for (int i = 0; i < 3; i++) {
            board.record("api", "eu", Results.failed());
        }
        assertThat(board.status("api")).as("2 of 3 still healthy").isEqualTo(HEALTHY);
        assertThat(all).singleElement().satisfies(e -> {
            assertThat(e.vantage()).isEqualTo("eu");
            assertThat(e.to()).isEqualTo(UNHEALTHY);
            assertThat(e.evidence().error()).isEqualTo("HTTP 503");
            assertThat(e.reason()).isEqualTo("3 consecutive failures (threshold 3)");
        });

        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            board.record("api", "us", Results.failed());
        }
        assertThat(board.status("api")).isEqualTo(UNHEALTHY);
        assertThat(aggregate).singleElement().satisfies(e -> {
            assertThat(e.vantage()).isEqualTo(HealthEvent.AGGREGATE);
            assertThat(e.from()).isEqualTo(HEALTHY);
            assertThat(e.at()).isEqualTo(Results.T0.plusSeconds(30));
            assertThat(e.evidence()).isNotNull();
            assertThat(e.reason()).isEqualTo("1 of 3 checkers (33.3%) see it healthy; more than 50% needed (unhealthy from eu, us)");
        });
    }

    @Test
    void calculatedChecksOfCalculatedChecksFollowTheirChildren() {
        HealthBoard board = board(checks(
                "a", Checks.http(80).every(Duration.ofSeconds(10), 1, Duration.ofSeconds(1)),
                "b", Checks.http(81),
                "both", Checks.calculated(2, "a", "b"),
                "top", Checks.calculated(1, "both"),
                "not-top", Checks.calculated(1, "top").inverted()), "local");
        assertThat(board.snapshot()).containsEntry("top", HEALTHY).containsEntry("not-top", UNHEALTHY);

        board.record("a", "local", Results.failed());

        assertThat(board.snapshot()).containsEntry("a", UNHEALTHY).containsEntry("both", UNHEALTHY)
                .containsEntry("top", UNHEALTHY).containsEntry("not-top", HEALTHY);
        assertThat(aggregate).extracting(HealthEvent::check).containsExactly("a", "both", "top", "not-top");
        assertThat(aggregate.get(1).evidence()).as("calculated checks have no probe of their own").isNull();
        assertThat(aggregate.get(1).reason()).isEqualTo("1 of 2 child checks healthy, at least 2 needed (unhealthy: a)");
    }

    @Test
    void listenersSeeTheNewVerdictWhenTheyAreCalled() {
        HealthBoard board = board(checks("api", Checks.http(80).every(Duration.ofSeconds(10), 1, Duration.ofSeconds(1))), "local");
        List<HealthStatus> seenInside = new ArrayList<>();
        log.subscribeAggregate(e -> seenInside.add(board.status(e.check())));
        board.record("api", "local", Results.failed());
        assertThat(seenInside).containsExactly(UNHEALTHY);
    }

    @Test
    void detailsShowEachCheckersConsecutiveCountsAndLastResult() {
        HealthBoard board = board(checks("api", Checks.http(80)), "eu", "us");
        board.record("api", "eu", Results.failed());
        board.record("api", "eu", Results.failed());
        board.record("api", "us", Results.ok());
        board.skipped("api", "us");

        CheckDetails details = board.details("api");
        assertThat(details.status()).isEqualTo(HEALTHY);
        assertThat(details.vantages()).extracting(VantageDetails::vantage, VantageDetails::consecutiveFailures,
                        VantageDetails::consecutiveSuccesses, VantageDetails::probes, VantageDetails::skipped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("eu", 2, 0, 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("us", 0, 1, 1L, 1L));
        assertThat(details.vantages().get(0).lastResult().error()).isEqualTo("HTTP 503");
        assertThat(details.vantages().get(0).reason()).isEqualTo("2 consecutive failures of 3 needed to turn unhealthy; still healthy");
    }

    @Test
    void theEventLogKeepsOnlyTheLatestEvents() {
        EventLog small = new EventLog(3);
        HealthBoard board = new HealthBoard(checks("api", Checks.http(80).every(Duration.ofSeconds(10), 1, Duration.ofSeconds(1))),
                List.of(VantagePoint.of("local")), small, clock);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            board.record("api", "local", Results.of(i % 2 == 1));
        }
        // 5 changes, 2 events each (checker and aggregate): the last 3 remain
        assertThat(small.recent()).hasSize(3);
        assertThat(small.recent().get(2).at()).isEqualTo(Results.T0.plusSeconds(5));
        assertThat(small.recent().get(2).vantage()).isEqualTo(HealthEvent.AGGREGATE);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        HealthBoard board = board(checks("api", Checks.http(80).every(Duration.ofSeconds(10), 1, Duration.ofSeconds(1))), "local");
        log.subscribeAggregate(e -> {
            throw new IllegalStateException("listener bug");
        });
        List<HealthEvent> after = new ArrayList<>();
        log.subscribeAggregate(after::add);
        board.record("api", "local", Results.failed());
        assertThat(after).hasSize(1);
        assertThat(board.status("api")).isEqualTo(UNHEALTHY);
    }
}
