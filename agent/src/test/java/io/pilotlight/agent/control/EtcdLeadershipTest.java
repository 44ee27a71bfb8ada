package io.pilotlight.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.agent.etcd.EtcdKv;
import io.pilotlight.store.coord.EtcdProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Controller leader election on a real etcd: one leader, a takeover within one lease, and no leader without etcd. */
class EtcdLeadershipTest {
    private static final Duration TTL = Duration.ofSeconds(1);
    /** nanoTime may start anywhere, even near the extremes: the lease arithmetic must not overflow into "leading". */
    private static final LongSupplier ODD_ORIGIN_NANOS = () -> System.nanoTime() + Long.MAX_VALUE / 2 + 1;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void exactlyOneCandidateLeadsAndAnotherTakesOverWithinOneLeaseWhenItIsGone(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdKv kvA = new EtcdKv(etcd.target("/t"), Duration.ofSeconds(1));
             EtcdKv kvB = new EtcdKv(etcd.target("/t"), Duration.ofSeconds(1));
             EtcdLeadership a = new EtcdLeadership(kvA, "east", TTL, ODD_ORIGIN_NANOS, log::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.mayNotAct().isEmpty());
            try (EtcdLeadership b = new EtcdLeadership(kvB, "west", TTL, ODD_ORIGIN_NANOS, log::add)) {
                Thread.sleep(TTL.toMillis() * 2);
                assertThat(a.mayNotAct()).isEmpty();
                assertThat(b.mayNotAct()).as("the other candidate names who leads").hasValue("the controller leader is " + a.id());
                assertThat(kvA.get(EtcdLeadership.KEY).orElseThrow().value()).isEqualTo(a.id());

                a.close(); // steps down
                await().atMost(TTL.multipliedBy(3)).until(() -> b.mayNotAct().isEmpty());
                assertThat(a.mayNotAct()).isPresent();
                assertThat(b.guardedPut("probe", "b")).as("the leader's guarded write").isTrue();
                assertThat(a.guardedPut("probe", "a")).as("a former leader writes nothing").isFalse();
                assertThat(kvB.get("probe").orElseThrow().value()).isEqualTo("b");
            }
        }
    }

    @Test
    void aLeaderThatCannotReachEtcdStopsActingBeforeItsLeaseCouldLapse(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdKv kv = new EtcdKv(etcd.target("/t"), Duration.ofMillis(300));
             EtcdLeadership leader = new EtcdLeadership(kv, "east", TTL, System::nanoTime, log::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> leader.mayNotAct().isEmpty());
            etcd.stop();
            long stopped = System.nanoTime();
            await().atMost(TTL.multipliedBy(2)).pollInterval(Duration.ofMillis(20)).until(() -> leader.mayNotAct().isPresent());
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("stops within its lease").isLessThanOrEqualTo(TTL);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(leader.mayNotAct().orElseThrow())
                    .contains("etcd unreachable").contains("does nothing"));
        }
    }

    @Test
    void aSilentLeaderIsReplacedOneOfItsLeasesAfterItsLastRenewalWasSeenNotWhenEtcdExpiresIt(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        try (EtcdProcess etcd = EtcdProcess.start(dir);
             EtcdKv kv = new EtcdKv(etcd.target("/t"), Duration.ofSeconds(1))) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> kv.get("x").isEmpty());
            long ghostLease = kv.grant(Duration.ofSeconds(30)); // a leader that stopped renewing; etcd would keep its key 30 s
            kv.put(EtcdLeadership.KEY, "east/ghost", ghostLease);
            long started = System.nanoTime();
            try (EtcdLeadership west = new EtcdLeadership(kv, "west", TTL, clock::get, log::add)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> west.mayNotAct().orElse("").equals("the controller leader is east/ghost"));
                clock.addAndGet(Duration.ofSeconds(2).toNanos()); // past west's own 1 s lease, not the old leader's 30 s
                Thread.sleep(1_000);
                assertThat(west.mayNotAct()).as("the old leader's lease is its own, 30 s").hasValue("the controller leader is east/ghost");

                clock.addAndGet(Duration.ofSeconds(29).toNanos());
                await().atMost(Duration.ofSeconds(10)).until(() -> west.mayNotAct().isEmpty());
                assertThat(kv.get(EtcdLeadership.KEY).orElseThrow().value()).isEqualTo(west.id());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("long before etcd would expire the old lease")
                        .isLessThan(Duration.ofSeconds(25));
                assertThat(log).anyMatch(line -> line.contains("east/ghost renewed nothing for its lease"));
            }
        }
    }
}
