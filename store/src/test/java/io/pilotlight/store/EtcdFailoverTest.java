package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.coord.Coordinator;
import io.pilotlight.store.coord.EtcdCoordinator;
import io.pilotlight.store.coord.EtcdProcess;
import io.pilotlight.store.node.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two store nodes on one real etcd, each with its own etcd client, as two regions would be. */
class EtcdFailoverTest {
    private static final Duration LEASE = Duration.ofSeconds(1);

    private final List<EtcdCoordinator> clients = new CopyOnWriteArrayList<>();

    private Coordinator client(EtcdProcess etcd) {
        EtcdCoordinator coordinator = new EtcdCoordinator(etcd.target("/pilotlight/failover"), Clock.systemUTC(), Duration.ofMillis(500));
        try {
            assertThat(coordinator.awaitReachable(Duration.ofSeconds(20))).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        clients.add(coordinator);
        return coordinator;
    }

    private Cluster cluster(Path dir, EtcdProcess etcd) throws Exception {
        Cluster cluster = new Cluster(dir, List.of("east", "west"), region -> client(etcd));
        cluster.lease = LEASE;
        cluster.autoFailover = true;
        return cluster.startAll();
    }

    @Test
    void theWritersRegionDiesAndTheReplicaTakesOverOnceItsEtcdLeaseLapses(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd")); Cluster cluster = cluster(dir, etcd)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.servers.get("east").node().role() == Role.WRITER);
            StoreClient client = cluster.client();
            for (int i = 0; i < 50; i++) {
                client.put("k" + i, "v" + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("west").node().status().lastIndex() == 50);

            cluster.stop("east"); // killed: it releases nothing, its etcd lease has to lapse
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.servers.get("west").node().role() == Role.WRITER);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(cluster.servers.get("west").node().status().epoch()).isEqualTo(2);
            assertThat(clients.get(0).current().holder()).isEqualTo("west");
            client.writer("west");
            client.put("after", "failover");
            for (int i = 0; i < 50; i++) {
                assertThat(client.get("west", "k" + i).value()).isEqualTo("v" + i);
            }
            System.out.println("failover on etcd: east killed -> west writer in " + took.toMillis() + " ms (lease " + LEASE.toMillis() + " ms)");
        } finally {
            clients.forEach(EtcdCoordinator::close);
        }
    }

    @Test
    void aWriterCutOffFromEtcdStopsAtItsLeaseAndNobodyPromotesUntilEtcdIsBack(@TempDir Path dir) throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd")); Cluster cluster = cluster(dir, etcd)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.servers.get("east").node().role() == Role.WRITER);
            StoreClient client = cluster.client();
            client.put("before", "etcd lost");

            etcd.stop();
            long lost = System.nanoTime();
            await().atMost(LEASE.plusSeconds(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.servers.get("east").node().role() != Role.WRITER);
            assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("it served until its own lease lapsed, not longer")
                    .isLessThan(LEASE.plusMillis(1500));
            Thread.sleep(LEASE.multipliedBy(2).toMillis());
            assertThat(cluster.servers.get("west").node().role()).as("etcd unreachable is no lapsed lease: nobody promotes")
                    .isEqualTo(Role.REPLICA);
            assertThat(cluster.servers.get("east").node().role()).isNotEqualTo(Role.WRITER);

            etcd.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.servers.values().stream().anyMatch(s -> s.node().role() == Role.WRITER));
            assertThat(cluster.servers.values().stream().filter(s -> s.node().role() == Role.WRITER)).hasSize(1);
            String writer = cluster.servers.entrySet().stream().filter(e -> e.getValue().node().role() == Role.WRITER).findFirst().orElseThrow().getKey();
            assertThat(clients.get(0).current().holder()).as("the writer is the one etcd names").isEqualTo(writer);
            // etcd restarted keeps east's lease alive for one more TTL, so east takes it back at epoch 1 (nobody else can have
            // written); had it lapsed first, the next grant would be epoch 2. Either way the writer acknowledges again:
            client.writer(writer);
            client.put("after", "etcd is back");
            assertThat(client.get(writer, "before").value()).isEqualTo("etcd lost");
        } finally {
            clients.forEach(EtcdCoordinator::close);
        }
    }
}
