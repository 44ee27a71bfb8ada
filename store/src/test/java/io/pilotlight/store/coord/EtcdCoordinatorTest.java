package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the etcd coordinator can show: etcd lost is "unreachable", etcd back keeps every epoch. */
class EtcdCoordinatorTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofMillis(500);

    @Test
    void etcdStoppedIsUnreachableNeverLeaseRefusedOrFree(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdCoordinator c = new EtcdCoordinator(etcd.target("/pilotlight/lost"), Clock.systemUTC(), DEADLINE)) {
            assertThat(c.awaitReachable(Duration.ofSeconds(20))).isTrue();
            assertThat(c.acquire("east", TTL, 0).granted()).isTrue();
            etcd.stop();

            long started = System.nanoTime();
            assertThat(c.current()).isEqualTo(LeaseInfo.UNREACHABLE);
            LeaseGrant west = c.acquire("west", TTL, 0);
            assertThat(west.granted()).isFalse();
            assertThat(west.reason()).startsWith("coordinator unreachable: etcd etcd://127.0.0.1:");
            assertThat(west.holder()).as("nobody is named holder when etcd cannot be asked").isNull();
            assertThat(c.renew("east", 1, TTL)).isFalse();
            c.release("east", 1, "west");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("each call gives up at its deadline")
                    .isLessThan(DEADLINE.multipliedBy(4).plusMillis(500));
        }
    }

    @Test
    void etcdRestartedKeepsTheEpochsAndGrantsAboveThem(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdCoordinator c = new EtcdCoordinator(etcd.target("/pilotlight/restart"), Clock.systemUTC(), DEADLINE)) {
            assertThat(c.awaitReachable(Duration.ofSeconds(20))).isTrue();
            assertThat(c.acquire("east", TTL, 0).epoch()).isEqualTo(1);
            c.release("east", 1, null);
            assertThat(c.acquire("west", TTL, 0).epoch()).isEqualTo(2);
            etcd.stop();
            assertThat(c.current().reachable()).isFalse();
            etcd.start();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> c.current().reachable());
            LeaseInfo back = c.current();
            assertThat(back.epoch()).isEqualTo(2);
            assertThat(back.holder()).isEqualTo("west");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> c.acquire("east", TTL, 0).granted());
            assertThat(c.current().epoch()).as("never back to 1 or 2").isEqualTo(3);
            assertThat(c.current().holder()).isEqualTo("east");
        }
    }

    @Test
    void aDamagedEpochKeyReadsAsUnreachableNeverAsEpochZero(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdCoordinator c = new EtcdCoordinator(etcd.target("/pilotlight/damaged"), Clock.systemUTC(), DEADLINE);
             Client raw = Client.builder().endpoints(etcd.target("/x").endpoints().toArray(new java.net.URI[0])).build()) {
            raw.getKVClient().put(ByteSequence.from("/pilotlight/damaged/epoch", StandardCharsets.UTF_8),
                    ByteSequence.from("{\"epoch\":\"7\"}", StandardCharsets.UTF_8)).get();
            assertThat(c.current()).isEqualTo(LeaseInfo.UNREACHABLE);
            LeaseGrant east = c.acquire("east", TTL, 0);
            assertThat(east.granted()).isFalse();
            assertThat(east.reason()).contains("/pilotlight/damaged/epoch", "not a lease record");
        }
    }
}
