package io.pilotlight.store.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Coordinator} promises, run over the in-process one (on a fake clock) and the
 * etcd one (against a real etcd this class starts; real time, etcd's whole-second leases). Each case
 * gets a fresh coordinator: a new in-process one, or a new key prefix in the shared etcd.
 */
class CoordinatorContractTest {
    /** One implementation under test and how time passes for it. */
    interface Fixture extends AutoCloseable {
        Coordinator coordinator();

        Duration ttl();

        /** Let this much time pass (a fake clock moves, or the test sleeps). */
        void pass(Duration time) throws InterruptedException;

        /** How long before the TTL the lease must still be held (1 ms on a fake clock). */
        Duration early();

        /** How long after the TTL the lease may still take to lapse (etcd checks expiry twice a second). */
        Duration late();

        @Override
        void close();
    }

    @TempDir
    static Path etcdDir;
    private static EtcdProcess etcd;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    static synchronized EtcdProcess etcd() throws Exception {
        if (etcd == null) {
            etcd = EtcdProcess.start(etcdDir);
        }
        return etcd;
    }

    @AfterAll
    static void stopEtcd() throws InterruptedException {
        if (etcd != null) {
            etcd.close();
        }
    }

    interface Factory {
        Fixture create() throws Exception;
    }

    static Stream<Named<Factory>> implementations() {
        return Stream.of(Named.of("in-process", InProcessFixture::new), Named.of("etcd", () -> new EtcdFixture(etcd())));
    }

    static final class InProcessFixture implements Fixture {
        final InProcessCoordinatorTest.FakeClock clock = new InProcessCoordinatorTest.FakeClock();
        final InProcessCoordinator coordinator = new InProcessCoordinator(clock);

        public Coordinator coordinator() {
            return coordinator;
        }

        public Duration ttl() {
            return Duration.ofSeconds(2);
        }

        public void pass(Duration time) {
            clock.millis += time.toMillis();
        }

        public Duration early() {
            return Duration.ofMillis(1);
        }

        public Duration late() {
            return Duration.ZERO;
        }

        public void close() {
        }
    }

    static final class EtcdFixture implements Fixture {
        final EtcdCoordinator coordinator;

        EtcdFixture(EtcdProcess etcd) {
            coordinator = new EtcdCoordinator(etcd.target("/pilotlight/contract-" + PREFIXES.incrementAndGet()), Clock.systemUTC(),
                    Duration.ofSeconds(2)); // generous: the machine is shared; the unreachable cases use their own deadline
            try {
                assertThat(coordinator.awaitReachable(Duration.ofSeconds(20))).as("etcd answers").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        public Coordinator coordinator() {
            return coordinator;
        }

        public Duration ttl() {
            return Duration.ofSeconds(1); // etcd's minimum with the test's election timeout
        }

        public void pass(Duration time) throws InterruptedException {
            Thread.sleep(time.toMillis());
        }

        public Duration early() {
            return Duration.ofMillis(300);
        }

        public Duration late() {
            return Duration.ofSeconds(3);
        }

        public void close() {
            coordinator.close();
        }
    }

    /** Asks for the lease until it is granted or the TTL's lateness is used up; the last answer. */
    static LeaseGrant grantedOnceLapsed(Fixture f, String region, long atLeast) throws InterruptedException {
        long waited = 0;
        LeaseGrant answer = f.coordinator().acquire(region, f.ttl(), atLeast);
        while (!answer.granted() && waited < f.late().toMillis() + f.early().toMillis()) {
            Duration step = f.early().compareTo(Duration.ofMillis(100)) < 0 ? f.early() : Duration.ofMillis(100);
            f.pass(step);
            waited += step.toMillis();
            answer = f.coordinator().acquire(region, f.ttl(), atLeast);
        }
        return answer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void acquireRenewReleaseAndTheNextWriterGetsTheNextEpoch(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            assertThat(c.current()).isEqualTo(LeaseInfo.NONE);
            LeaseGrant east = c.acquire("east", f.ttl(), 0);
            assertThat(east.granted()).as(east.reason()).isTrue();
            assertThat(east.epoch()).isEqualTo(1);
            LeaseInfo held = c.current();
            assertThat(held.holder()).isEqualTo("east");
            assertThat(held.epoch()).isEqualTo(1);
            assertThat(held.live()).isTrue();
            assertThat(held.successor()).isNull();
            assertThat(c.renew("east", 1, f.ttl())).isTrue();
            LeaseGrant again = c.acquire("east", f.ttl(), 0);
            assertThat(again.granted()).as("the holder asking again keeps its epoch").isTrue();
            assertThat(again.epoch()).isEqualTo(1);

            c.release("west", 1, null);
            c.release("east", 0, null);
            assertThat(c.current().live()).as("only the holder at its epoch releases").isTrue();
            c.release("east", 1, null);
            LeaseInfo released = c.current();
            assertThat(released.live()).isFalse();
            assertThat(released.holder()).as("the last holder is still named").isEqualTo("east");
            assertThat(released.epoch()).isEqualTo(1);
            assertThat(c.renew("east", 1, f.ttl())).as("a released lease is not renewed").isFalse();
            LeaseGrant west = c.acquire("west", f.ttl(), 0);
            assertThat(west.granted()).as(west.reason()).isTrue();
            assertThat(west.epoch()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void epochsStrictlyIncreaseWhoeverTakesTheLease(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            long last = 0;
            for (String region : new String[] {"east", "west", "east", "central", "central"}) {
                LeaseGrant grant = f.coordinator().acquire(region, f.ttl(), 0);
                assertThat(grant.granted()).as(grant.reason()).isTrue();
                assertThat(grant.epoch()).isGreaterThan(last);
                last = grant.epoch();
                f.coordinator().release(region, last, null);
            }
            assertThat(f.coordinator().current().epoch()).isEqualTo(last);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aLeaseLapsesAtItsTtlAndOnlyThenGoesToAnotherRegion(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            assertThat(c.acquire("east", f.ttl(), 0).epoch()).isEqualTo(1);
            f.pass(f.ttl().minus(f.early()));
            LeaseGrant early = c.acquire("west", f.ttl(), 0);
            assertThat(early.granted()).as("still east's, before its TTL").isFalse();
            assertThat(early.holder()).isEqualTo("east");
            assertThat(early.reason()).contains("east holds the lease at epoch 1");
            LeaseGrant west = grantedOnceLapsed(f, "west", 0);
            assertThat(west.granted()).as(west.reason()).isTrue();
            assertThat(west.epoch()).isEqualTo(2);
            LeaseInfo now = c.current();
            assertThat(now.holder()).isEqualTo("west");
            assertThat(now.live()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aLapsedLeaseStillNamesItsHolderAndEpoch(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            c.acquire("east", f.ttl(), 0);
            f.pass(f.ttl());
            long waited = 0;
            while (c.current().live() && waited < f.late().toMillis()) {
                f.pass(Duration.ofMillis(100));
                waited += 100;
            }
            LeaseInfo lapsed = c.current();
            assertThat(lapsed.live()).isFalse();
            assertThat(lapsed.holder()).as("a node reclaims its own lapsed lease by this").isEqualTo("east");
            assertThat(lapsed.epoch()).isEqualTo(1);
            assertThat(c.renew("east", 1, f.ttl())).as("a lapsed lease is not renewed").isFalse();
            LeaseGrant reclaimed = c.acquire("east", f.ttl(), 1);
            assertThat(reclaimed.epoch()).as("taken back with a new epoch").isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aGrantIsAboveTheEpochTheNodeHasSeen(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            assertThat(f.coordinator().acquire("east", f.ttl(), 7).epoch()).isEqualTo(8);
            f.coordinator().release("east", 8, null);
            assertThat(f.coordinator().acquire("west", f.ttl(), 3).epoch()).as("and above its own last epoch").isEqualTo(9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aSwitchoverReservesTheLeaseForItsTargetOnly(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            c.acquire("central", f.ttl(), 0);
            c.release("central", 1, "east");
            LeaseInfo handed = c.current();
            assertThat(handed.successor()).isEqualTo("east");
            assertThat(handed.live()).isFalse();
            assertThat(handed.holder()).isEqualTo("central");
            assertThat(c.acquire("central", f.ttl(), 0).granted()).as("not even the old writer").isFalse();
            LeaseGrant west = c.acquire("west", f.ttl(), 0);
            assertThat(west.granted()).isFalse();
            assertThat(west.reason()).contains("a switchover handed the lease to east");
            LeaseGrant east = c.acquire("east", f.ttl(), 0);
            assertThat(east.granted()).as(east.reason()).isTrue();
            assertThat(east.epoch()).isEqualTo(2);
            assertThat(c.current().successor()).as("the reservation ends with the grant").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void anUnansweredReservationLapsesAfterOneLease(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            c.acquire("central", f.ttl(), 0);
            c.release("central", 1, "east");
            f.pass(f.ttl().minus(f.early()));
            assertThat(c.acquire("west", f.ttl(), 0).granted()).isFalse();
            LeaseGrant west = grantedOnceLapsed(f, "west", 0);
            assertThat(west.granted()).as(west.reason()).isTrue();
            assertThat(west.epoch()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void aRenewalByAStaleEpochOrAnotherRegionIsRefused(Factory factory) throws Exception {
        try (Fixture f = factory.create()) {
            Coordinator c = f.coordinator();
            LeaseGrant east = c.acquire("east", f.ttl(), 0);
            assertThat(east.granted()).as(east.reason()).isTrue();
            assertThat(c.renew("west", 1, f.ttl())).as("another region").isFalse();
            assertThat(c.renew("east", 2, f.ttl())).as("an epoch never granted").isFalse();
            f.pass(f.ttl());
            LeaseGrant west = grantedOnceLapsed(f, "west", 0);
            assertThat(west.epoch()).as(west.reason()).isEqualTo(2);
            assertThat(c.renew("east", 1, f.ttl())).as("the deposed writer's epoch").isFalse();
            assertThat(c.renew("east", 2, f.ttl())).as("another region's epoch").isFalse();
            assertThat(c.renew("west", 2, f.ttl())).isTrue();
            c.release("east", 1, "central");
            assertThat(c.current().live()).as("a stale release changes nothing").isTrue();
            assertThat(c.current().successor()).isNull();
        }
    }
}
