package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.StoreNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replication stream: broken mid-stream, served by a deposed writer, and the lag it reports. */
class StreamReplicationTest {

    @Test
    void aReplicaWhoseStreamIsCutMidwayCatchesUpWithEveryEntryInOrder(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west"))) {
            FaultyProxy proxy = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", cluster.ports.get("east")))
                    .listen(new InetSocketAddress("127.0.0.1", 0)).seed(11).start();
            Map<String, String> view = new LinkedHashMap<>(cluster.urls);
            view.put("east", "http://127.0.0.1:" + proxy.address().getPort());
            cluster.views.put("west", view);
            cluster.startAll();
            StoreNode east = cluster.servers.get("east").node();
            int cuts = 0;
            for (int i = 0; i < 3_000; i++) {
                east.write("k" + (i % 400), ("v" + i).getBytes(StandardCharsets.UTF_8), null).get();
                if (i % 500 == 250) {
                    cuts += proxy.resetAll(); // the stream (and any durability report) dies between two frames, or inside one
                }
            }
            assertThat(cuts).as("streams cut").isPositive();
            StoreNode west = cluster.servers.get("west").node();
            await().atMost(Duration.ofSeconds(10)).until(() -> west.status().lastIndex() == 3_000);
            for (int k = 0; k < 400; k++) {
                var expected = east.read("k" + k);
                var replicated = west.read("k" + k);
                assertThat(replicated.version()).isEqualTo(expected.version());
                assertThat(replicated.value()).isEqualTo(expected.value());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                NodeStatus.ReplicaLag lag = east.status().replicas().get("west");
                assertThat(lag.durableIndex()).as("durable on the replica, as the writer knows it").isEqualTo(3_000);
                assertThat(lag.lagEntries()).isZero();
                assertThat(west.status().lagEntries()).isZero();
                assertThat(west.status().lagMillis()).isZero();
            });
            proxy.close();
        }
    }

    @Test
    void theLagBothSidesReportGrowsWhileTheStreamIsStalledAndVanishesAfter(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west"))) {
            FaultyProxy proxy = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", cluster.ports.get("east")))
                    .listen(new InetSocketAddress("127.0.0.1", 0)).seed(5).start();
            Map<String, String> view = new LinkedHashMap<>(cluster.urls);
            view.put("east", "http://127.0.0.1:" + proxy.address().getPort());
            cluster.views.put("west", view);
            cluster.startAll();
            StoreNode east = cluster.servers.get("east").node();
            StoreNode west = cluster.servers.get("west").node();
            east.write("a", "1".getBytes(StandardCharsets.UTF_8), null).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> east.status().replicas().containsKey("west")
                    && east.status().replicas().get("west").durableIndex() == 1);

            proxy.faults(io.pilotlight.faults.Faults.none().partitioned(io.pilotlight.faults.Partition.DROP));
            for (int i = 0; i < 20; i++) {
                east.write("b" + i, "2".getBytes(StandardCharsets.UTF_8), null).get();
            }
            Thread.sleep(300);
            NodeStatus.ReplicaLag behind = east.status().replicas().get("west");
            assertThat(behind.lagEntries()).isEqualTo(20);
            assertThat(behind.lagMillis()).isGreaterThanOrEqualTo(250);
            assertThat(west.status().lastIndex()).isEqualTo(1);

            proxy.faults(io.pilotlight.faults.Faults.none());
            proxy.resetAll();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(west.status().lastIndex()).isEqualTo(21);
                assertThat(west.status().lagEntries()).isZero();
                assertThat(east.status().replicas().get("west").lagEntries()).isZero();
                assertThat(east.status().replicas().get("west").lagMillis()).isZero();
            });
            proxy.close();
        }
    }

    @Test
    void aReplicaStopsFollowingAWriterWhoseEpochIsOver(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west", "central")).startAll()) {
            StoreNode east = cluster.servers.get("east").node();
            StoreNode west = cluster.servers.get("west").node();
            StoreNode central = cluster.servers.get("central").node();
            for (int i = 0; i < 20; i++) {
                east.write("before-" + i, "v".getBytes(StandardCharsets.UTF_8), null).get();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> west.status().lastIndex() == 20 && central.status().lastIndex() == 20);

            // east keeps believing in its lease after the coordinator let it lapse, and central takes over with epoch 2
            cluster.links.get("east").deluded(true);
            cluster.links.get("east").cutOff(true);
            assertThat(central.promote(Duration.ofSeconds(5)).epoch()).isEqualTo(2);
            List<String> staleAcks = new java.util.ArrayList<>();
            for (int i = 0; i < 50 && east.role() == Role.WRITER; i++) {
                try {
                    east.write("stale-" + i, "x".getBytes(StandardCharsets.UTF_8), null).get();
                    staleAcks.add("stale-" + i);
                } catch (java.util.concurrent.ExecutionException refused) {
                    break;
                }
                Thread.sleep(20);
            }
            for (int i = 0; i < 20; i++) {
                central.write("after-" + i, "v".getBytes(StandardCharsets.UTF_8), null).get();
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(west.status().epoch()).isEqualTo(2);
                assertThat(west.status().lastIndex()).isEqualTo(central.status().lastIndex());
                assertThat(west.read("after-19").value()).isNotNull();
            });
            for (String stale : staleAcks) {
                assertThat(west.read(stale).value()).as(stale + ", written by the deposed writer").isNull();
            }
            // a replica's word alone deposes nobody (it could be forged): east, still cut off, keeps its role but
            // its writes reach nobody; once it can ask the coordinator, the replicas' reports of epoch 2 make it check and step down
            assertThat(east.status().epoch()).as("an epoch only the coordinator can grant").isEqualTo(1);
            cluster.links.get("east").cutOff(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> east.role() == Role.REPLICA);
        }
    }
}
