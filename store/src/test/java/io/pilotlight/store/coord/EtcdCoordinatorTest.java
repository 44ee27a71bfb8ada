package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the etcd coordinator can show: etcd lost is "unreachable", etcd back keeps every epoch,
 * and a lease lapses by the candidate's own clock from the last renewal it saw, not by etcd's expiry
 * (which an etcd leader change restarts).
 */
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

    @Test
    void aCandidateJudgesTheLapseByItsOwnClockFromTheLastRenewalItSawNotByEtcdsExpiry(@TempDir Path dir) throws Exception {
        Duration ttl = Duration.ofSeconds(30); // etcd would keep this lease for 30 s more; the candidate's fake clock does not wait
        AtomicLong candidateClock = new AtomicLong();
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdCoordinator writer = new EtcdCoordinator(etcd.target("/pilotlight/sighting"), Clock.systemUTC(), DEADLINE);
             EtcdCoordinator candidate = new EtcdCoordinator(etcd.target("/pilotlight/sighting"), Clock.systemUTC(), DEADLINE,
                     candidateClock::get)) {
            assertThat(writer.awaitReachable(Duration.ofSeconds(20))).isTrue();
            assertThat(candidate.awaitReachable(Duration.ofSeconds(20))).isTrue();
            long started = System.nanoTime();
            assertThat(writer.acquire("east", ttl, 0).epoch()).isEqualTo(1);
            assertThat(candidate.current().live()).isTrue();

            candidateClock.addAndGet(Duration.ofSeconds(29).toNanos());
            LeaseGrant early = candidate.acquire("west", ttl, 0);
            assertThat(early.granted()).as("29 s of the 30 s since the grant was seen").isFalse();
            assertThat(early.reason()).contains("east holds the lease at epoch 1 for another");

            assertThat(writer.renew("east", 1, ttl)).isTrue();
            assertThat(candidate.current().live()).isTrue(); // the candidate's next look sees the renewal
            candidateClock.addAndGet(Duration.ofSeconds(29).toNanos());
            assertThat(candidate.current().live()).as("the renewal's new revision restarts the candidate's count").isTrue();
            assertThat(candidate.acquire("west", ttl, 0).granted()).isFalse();

            candidateClock.addAndGet(Duration.ofSeconds(2).toNanos());
            LeaseInfo lapsed = candidate.current();
            assertThat(lapsed.live()).as("one TTL since the last renewal seen").isFalse();
            assertThat(lapsed.holder()).isEqualTo("east");
            LeaseGrant west = candidate.acquire("west", ttl, 0);
            assertThat(west.granted()).as(west.reason()).isTrue();
            assertThat(west.epoch()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("long before etcd's 30 s lease expired")
                    .isLessThan(Duration.ofSeconds(20));
            assertThat(writer.renew("east", 1, ttl)).as("the old holder's renewal fails once another took over").isFalse();
            assertThat(writer.current().holder()).isEqualTo("west");
        }
    }

    @Test
    void aRenewalThatLandsBeforeTheTakeOverKeepsTheLease(@TempDir Path dir) throws Exception {
        Duration ttl = Duration.ofSeconds(30);
        AtomicLong candidateClock = new AtomicLong();
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdCoordinator writer = new EtcdCoordinator(etcd.target("/pilotlight/race"), Clock.systemUTC(), DEADLINE);
             EtcdCoordinator candidate = new EtcdCoordinator(etcd.target("/pilotlight/race"), Clock.systemUTC(), DEADLINE,
                     candidateClock::get)) {
            assertThat(writer.awaitReachable(Duration.ofSeconds(20))).isTrue();
            assertThat(writer.acquire("east", ttl, 0).granted()).isTrue();
            assertThat(candidate.awaitReachable(Duration.ofSeconds(20))).isTrue();
            candidateClock.addAndGet(Duration.ofSeconds(31).toNanos()); // the candidate would judge it lapsed now...
            assertThat(writer.renew("east", 1, ttl)).isTrue(); // ...but a renewal lands before it asks
            LeaseGrant west = candidate.acquire("west", ttl, 0);
            assertThat(west.granted()).as("a new revision: the count starts again").isFalse();
            assertThat(west.holder()).isEqualTo("east");
            assertThat(writer.renew("east", 1, ttl)).isTrue();
        }
    }
}
