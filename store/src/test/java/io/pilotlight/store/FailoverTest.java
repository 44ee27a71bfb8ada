package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.node.LostWrite;
import io.pilotlight.store.node.PromotionReport;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.StoreNode;
import io.pilotlight.store.node.SwitchoverReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverTest {

    @Test
    void switchoverLosesNothingAndPausesWritesBriefly(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            Map<String, String> acked = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            StoreClient client = cluster.client();
            Thread writer = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (running.get()) {
                    String key = "k" + (i++);
                    try {
                        client.put(key, "v" + i);
                        acked.put(key, "v" + i);
                    } catch (Exception retry) {
                        if (retry instanceof NotWriterException || retry instanceof StoreException) {
                            client.writer("west");
                        }
                    }
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() > 200);
            SwitchoverReport report = cluster.servers.get("east").node().switchover("west", Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() > 600);
            running.set(false);
            writer.join();

            assertThat(report.newEpoch()).isEqualTo(2);
            assertThat(report.writeGapMillis()).as("writes paused").isLessThan(500);
            assertThat(cluster.servers.get("west").node().role()).isEqualTo(Role.WRITER);
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("east").node().role() == Role.REPLICA);
            for (Map.Entry<String, String> write : acked.entrySet()) {
                assertThat(client.get("west", write.getKey()).value()).as(write.getKey()).isEqualTo(write.getValue());
            }
            assertThat(cluster.servers.get("east").node().lostWrites()).isEmpty();
        }
    }

    @Test
    void aFailoverToAStaleReplicaRecordsExactlyTheLostWritesInTheLedger(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient client = cluster.client();
            for (int i = 0; i < 50; i++) {
                client.put("shared-" + i, "before");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("west").node().status().lastIndex() == 50);
            cluster.stop("west");
            List<StoreClient.Ack> lostAcks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                lostAcks.add(client.put(i < 10 ? "shared-" + i : "only-east-" + i, "acked-but-not-replicated-" + i));
            }
            cluster.stop("east"); // the writer dies with 20 acknowledged writes nobody else has
            cluster.start("west");
            long started = System.nanoTime();
            PromotionReport promoted = cluster.servers.get("west").node().promote(Duration.ofSeconds(5));
            assertThat(promoted.epoch()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(cluster.lease.plusSeconds(1));
            client.writer("west");
            client.put("after-failover", "new");

            cluster.start("east"); // the old writer returns, finds the fork, rolls back, rejoins
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.servers.get("east").node().lostWrites().size() == 20);
            List<LostWrite> ledger = cluster.servers.get("east").node().lostWrites();
            assertThat(ledger).extracting(LostWrite::index).containsExactlyElementsOf(lostAcks.stream().map(StoreClient.Ack::version).toList());
            assertThat(ledger).allSatisfy(lost -> {
                assertThat(lost.epoch()).isEqualTo(1);
                assertThat(lost.newEpoch()).isEqualTo(2);
            });
            assertThat(ledger.get(0).ackTime()).isEqualTo(lostAcks.get(0).ackTime());
            await().atMost(Duration.ofSeconds(5)).until(() -> "new".equals(client.get("east", "after-failover").value()));
            assertThat(client.get("east", "shared-0").value()).as("rolled back to the value before the fork").isEqualTo("before");
            assertThat(client.get("east", "only-east-15").found()).isFalse();
            assertThat(client.get("west", "only-east-15").found()).isFalse();
            assertThat(cluster.servers.get("east").node().role()).isEqualTo(Role.REPLICA);
        }
    }

    @Test
    void aWriterCutOffFromTheCoordinatorStopsAcknowledgingBeforeAnotherIsPromoted(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient client = cluster.client();
            client.put("a", "1");
            long cut = System.nanoTime();
            cluster.links.get("east").cutOff(true);
            long lastAck = cut;
            while (System.nanoTime() - cut < Duration.ofSeconds(3).toNanos()) {
                try {
                    client.put("b", "x");
                    lastAck = System.nanoTime();
                } catch (NotWriterException expected) {
                    break;
                }
            }
            long refusedAfter = (lastAck - cut) / 1_000_000;
            assertThat(refusedAfter).as("acknowledged for " + refusedAfter + "ms after the cut").isLessThan(cluster.lease.toMillis());
            PromotionReport promoted = cluster.servers.get("west").node().promote(Duration.ofSeconds(5));
            assertThat(promoted.waitedMillis() + (System.nanoTime() - cut) / 1_000_000).isGreaterThanOrEqualTo(refusedAfter);
            assertThatThrownBy(() -> cluster.servers.get("east").node().write("c", "1".getBytes(), null).get())
                    .hasCauseInstanceOf(NotWriterException.class);
        }
    }

    @Test
    void aWriterWhoseLeaseLapsedTakesItBackWhenNobodyElseDid(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient client = cluster.client();
            client.put("a", "1");
            StoreNode east = cluster.servers.get("east").node();
            long epoch = east.status().epoch();
            cluster.links.get("east").cutOff(true); // a stalled renewal, as a long pause or a slow link causes
            await().atMost(Duration.ofSeconds(5)).until(() -> east.role() == Role.REPLICA);
            cluster.links.get("east").cutOff(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> east.role() == Role.WRITER);
            assertThat(east.status().epoch()).as("a new epoch, not the lapsed one").isGreaterThan(epoch);
            assertThat(east.status().lastError()).contains("took back the writer's lease");
            client.put("b", "2");
            assertThat(client.get("east", "a").value()).isEqualTo("1");
            await().atMost(Duration.ofSeconds(5)).until(() -> "2".equals(client.get("west", "b").value()));
        }
    }

    @Test
    void aWriterThatLostItsLeaseToAPromotedReplicaStaysAReplica(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            cluster.client().put("a", "1");
            StoreNode east = cluster.servers.get("east").node();
            cluster.links.get("east").cutOff(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> east.role() == Role.REPLICA);
            PromotionReport promoted = cluster.servers.get("west").node().promote(Duration.ofSeconds(5));
            cluster.links.get("east").cutOff(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> east.status().epoch() == promoted.epoch());
            Thread.sleep(500);
            assertThat(east.role()).isEqualTo(Role.REPLICA);
            assertThat(cluster.servers.get("west").node().role()).isEqualTo(Role.WRITER);
        }
    }

    @Test
    void syncModeLosesNoAcknowledgedWriteWhenTheWriterDies(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west"))) {
            cluster.mode = ReplicationMode.SYNC;
            cluster.startAll();
            StoreClient client = cluster.client();
            Map<String, String> acked = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            client.put("w" + id + "-" + i, "v" + i);
                            acked.put("w" + id + "-" + i, "v" + i);
                        } catch (Exception stopped) {
                            return;
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() > 300);
            cluster.stop("east");
            running.set(false);
            for (Thread t : writers) {
                t.join();
            }
            cluster.servers.get("west").node().promote(Duration.ofSeconds(5));
            for (Map.Entry<String, String> write : acked.entrySet()) {
                assertThat(client.get("west", write.getKey()).value()).as(write.getKey()).isEqualTo(write.getValue());
            }
        }
    }

    @Test
    void autoFailoverPromotesTheReplicaWithinTheLeasePlusOneSecond(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west"))) {
            cluster.autoFailover = true;
            cluster.startAll();
            StoreClient client = cluster.client();
            client.put("a", "1");
            long died = System.nanoTime();
            cluster.stop("east");
            client.writer("west");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .until(() -> client.put("b", "2").version() > 0);
            Duration took = Duration.ofNanos(System.nanoTime() - died);
            assertThat(took).as("writer death to first acknowledged write: " + took.toMillis() + "ms")
                    .isLessThan(cluster.lease.plusSeconds(1));
        }
    }
}
