package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.coord.InProcessCoordinator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The writer's own judgement of its lease, on a fake monotonic clock: it stops acknowledging a
 * safety margin before the coordinator could hand the lease to anyone else, and never later.
 */
class LeaseKeeperTest {

    @Test
    void anUnrenewedLeaseIsValidUntilItsTtlLessTheMarginAndNotOneNanosecondLonger() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        // a coordinator that never heard of this writer refuses every renewal: the lease only runs out
        InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
        Duration ttl = Duration.ofSeconds(2);
        long margin = ttl.toNanos() / 10; // 200 ms: a tenth of the lease, at least 50 ms
        try (LeaseKeeper lease = new LeaseKeeper(coordinator, "east", 1, ttl, now.get(), now::get)) {
            assertThat(lease.valid()).isTrue();
            now.addAndGet(ttl.toNanos() - margin - 1);
            assertThat(lease.valid()).as("one nanosecond before it lapses").isTrue();
            now.incrementAndGet();
            assertThat(lease.valid()).as("at TTL minus the margin: the writer stops acknowledging").isFalse();
            now.addAndGet(ttl.toNanos());
            assertThat(lease.valid()).isFalse();
        }
    }

    @Test
    void theMarginIsAtLeastFiftyMillisecondsForShortLeases() {
        AtomicLong now = new AtomicLong(0);
        try (LeaseKeeper lease = new LeaseKeeper(new InProcessCoordinator(Clock.systemUTC()), "east", 1, Duration.ofMillis(200), 0,
                now::get)) {
            now.set(Duration.ofMillis(150).toNanos() - 1);
            assertThat(lease.valid()).isTrue();
            now.set(Duration.ofMillis(150).toNanos());
            assertThat(lease.valid()).isFalse();
        }
    }
}
