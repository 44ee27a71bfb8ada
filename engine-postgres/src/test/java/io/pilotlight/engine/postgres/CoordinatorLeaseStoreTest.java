package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.store.coord.CoordinatorServer;
import io.pilotlight.store.coord.HttpCoordinator;
import io.pilotlight.store.coord.InProcessCoordinator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL writer lease kept by the coordinator the embedded store uses (the lab's {@code pilotlight store
 * coordinator}, reached over HTTP as a region's keeper reaches it): the same rules as the lease file, across processes.
 */
class CoordinatorLeaseStoreTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    @Test
    void oneHolderEpochsGrowAndAHandOverGoesOnlyToItsSuccessor() throws Exception {
        InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
        try (CoordinatorServer server = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), coordinator)) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            CoordinatorLeaseStore leases = new CoordinatorLeaseStore(new HttpCoordinator(url), url);
            // a cold client's first call may take longer than its 500 ms timeout (it then reads as unreachable, as a keeper retries)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> leases.current().holder().isEmpty());

            assertThat(leases.acquire("east", 1, TTL)).isTrue();
            assertThat(leases.current().heldBy("east", Instant.now())).isTrue();
            assertThat(leases.acquire("west", 2, TTL)).as("a live lease is nobody else's").isFalse();
            assertThat(leases.renew("east", 1, TTL)).isTrue();
            assertThat(leases.renew("west", 1, TTL)).isFalse();

            assertThat(leases.transfer("east", "west", 2, TTL)).isTrue();
            WriterLease handed = leases.current();
            assertThat(handed.holder()).isEqualTo("west");
            assertThat(handed.epoch()).isEqualTo(2);
            assertThat(leases.renew("east", 1, TTL)).as("the old holder's epoch is over").isFalse();
            assertThat(leases.acquire("north", 3, TTL)).isFalse();
        }
    }

    @Test
    void anEpochOtherThanTheOneAskedForIsGivenBack() throws Exception {
        InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
        coordinator.acquire("east", Duration.ofMillis(1), 6); // the coordinator has granted epoch 7 before
        Thread.sleep(20);
        CoordinatorLeaseStore leases = new CoordinatorLeaseStore(coordinator, "in-process");
        assertThat(leases.acquire("west", 2, TTL)).as("granted at epoch 8, not the 2 the engine fences by").isFalse();
        assertThat(leases.current().live(Instant.now())).as("given back at once").isFalse();
        assertThat(leases.acquire("west", 9, TTL)).isTrue();
    }

    @Test
    void anUnreachableCoordinatorIsAnErrorNeverNobodyHoldsIt() {
        CoordinatorLeaseStore leases = new CoordinatorLeaseStore(new HttpCoordinator("http://127.0.0.1:1"), "http://127.0.0.1:1");
        assertThatThrownBy(leases::current).isInstanceOf(IOException.class).hasMessageContaining("cannot be reached");
        assertThatThrownBy(() -> leases.acquire("east", 1, TTL)).isInstanceOf(IOException.class).hasMessageContaining("unreachable");
    }
}
