package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer lease's rules on a fake clock: one live holder, epochs only grow, no renewal after a lapse. */
class FileLeaseStoreTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    private static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");

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
            return now;
        }
    }

    @Test
    void oneLiveHolderAtATimeAndEpochsOnlyGrow(@TempDir Path dir) throws Exception {
        FakeClock clock = new FakeClock();
        FileLeaseStore leases = new FileLeaseStore(dir.resolve("orders.writer-lease.json"), clock);
        assertThat(leases.current()).isEqualTo(WriterLease.NONE);
        assertThat(leases.acquire("east", 1, TTL)).isTrue();
        assertThat(leases.acquire("west", 2, TTL)).as("east's lease is live").isFalse();
        clock.now = clock.now.plusMillis(1500);
        assertThat(leases.renew("east", 1, TTL)).isTrue();
        assertThat(leases.renew("east", 0, TTL)).as("another epoch").isFalse();
        clock.now = clock.now.plusMillis(2000);
        assertThat(leases.renew("east", 1, TTL)).as("no renewal once lapsed").isFalse();
        assertThat(leases.acquire("west", 1, TTL)).as("an epoch not above the last").isFalse();
        assertThat(leases.acquire("west", 2, TTL)).isTrue();
        assertThat(leases.current()).isEqualTo(new WriterLease("west", 2, clock.now.plus(TTL)));
    }

    @Test
    void twoStoresOnOneFileInOneProcessTakeTurnsInsteadOfFailingOnTheFileLock(@TempDir Path dir) throws Exception {
        FileLeaseStore a = new FileLeaseStore(dir.resolve("l.json"), Clock.systemUTC());
        FileLeaseStore b = new FileLeaseStore(dir.resolve("l.json"), Clock.systemUTC());
        a.acquire("east", 1, Duration.ofMinutes(1));
        java.util.List<java.util.concurrent.Future<Boolean>> renewals = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                FileLeaseStore store = i % 2 == 0 ? a : b;
                renewals.add(pool.submit(() -> store.renew("east", 1, Duration.ofMinutes(1))));
            }
            for (var renewal : renewals) {
                assertThat(renewal.get()).isTrue();
            }
        }
    }

    @Test
    void aTransferNeedsTheGiverToHoldALiveLease(@TempDir Path dir) throws Exception {
        FakeClock clock = new FakeClock();
        FileLeaseStore leases = new FileLeaseStore(dir.resolve("l.json"), clock);
        leases.acquire("east", 1, TTL);
        assertThat(leases.transfer("west", "north", 2, TTL)).isFalse();
        assertThat(leases.transfer("east", "west", 2, TTL)).isTrue();
        assertThat(leases.renew("east", 1, TTL)).isFalse();
        clock.now = clock.now.plusSeconds(3);
        assertThat(leases.transfer("west", "east", 3, TTL)).as("west's lease lapsed").isFalse();
    }
}
