package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases on a fake clock: lapse exactly at the TTL, survive a restart, never go back in epoch. */
class InProcessCoordinatorTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    static final class FakeClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void aLeaseLapsesExactlyAtItsTtlAndOnlyThenGoesToAnother() {
        FakeClock clock = new FakeClock();
        InProcessCoordinator coordinator = new InProcessCoordinator(clock);
        assertThat(coordinator.acquire("east", TTL, 0).epoch()).isEqualTo(1);
        clock.millis += TTL.toMillis() - 1;
        assertThat(coordinator.acquire("west", TTL, 0).granted()).isFalse();
        clock.millis += 1;
        LeaseGrant west = coordinator.acquire("west", TTL, 0);
        assertThat(west.granted()).isTrue();
        assertThat(west.epoch()).isEqualTo(2);
        assertThat(coordinator.renew("east", 1, TTL)).isFalse();
    }

    @Test
    void aRestartKeepsTheEpochAndTheHoldersLease(@TempDir Path dir) {
        FakeClock clock = new FakeClock();
        Path state = dir.resolve("coordinator.json");
        InProcessCoordinator first = new InProcessCoordinator(clock, state);
        first.acquire("east", TTL, 0);
        clock.millis += 3_000;
        first.acquire("west", TTL, 0);
        first.acquire("west", TTL, 0);

        InProcessCoordinator restarted = new InProcessCoordinator(clock, state);
        LeaseInfo now = restarted.current();
        assertThat(now.epoch()).isEqualTo(2);
        assertThat(now.holder()).isEqualTo("west");
        assertThat(now.live()).as("the holder may be renewing right now").isTrue();
        assertThat(restarted.renew("west", 2, TTL)).isTrue();
        assertThat(restarted.acquire("east", TTL, 0).granted()).isFalse();
        clock.millis += TTL.toMillis();
        assertThat(restarted.acquire("east", TTL, 0).epoch()).as("epochs never go backwards").isEqualTo(3);
    }

    @Test
    void aCoordinatorThatLostItsStateStillGrantsAboveWhatTheNodeHasSeen() {
        InProcessCoordinator amnesiac = new InProcessCoordinator(new FakeClock());
        assertThat(amnesiac.acquire("east", TTL, 7).epoch()).isEqualTo(8);
    }

    @Test
    void aSwitchoverReservesTheLeaseForItsTarget() {
        FakeClock clock = new FakeClock();
        InProcessCoordinator coordinator = new InProcessCoordinator(clock);
        coordinator.acquire("central", TTL, 0);
        coordinator.release("central", 1, "east");
        assertThat(coordinator.current().successor()).isEqualTo("east");
        assertThat(coordinator.acquire("central", TTL, 0).granted()).as("not even the old writer").isFalse();
        assertThat(coordinator.acquire("west", TTL, 0).granted()).isFalse();
        assertThat(coordinator.acquire("east", TTL, 0).granted()).isTrue();
    }

    @Test
    void anUnansweredReservationLapsesAfterOneLease() {
        FakeClock clock = new FakeClock();
        InProcessCoordinator coordinator = new InProcessCoordinator(clock);
        coordinator.acquire("central", TTL, 0);
        coordinator.release("central", 1, "east");
        clock.millis += TTL.toMillis();
        assertThat(coordinator.acquire("west", TTL, 0).granted()).isTrue();
    }
}
