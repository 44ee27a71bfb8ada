package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.faults.Faults;
import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.faults.Partition;
import io.pilotlight.store.node.Role;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer is partitioned from everyone (replicas and coordinator) by real network faults: the
 * replicas reach it through fault-injecting proxies. Its clients keep writing until its lease runs
 * out; a replica takes over; when the partition heals the old writer rolls back what nobody else
 * has, and its ledger lists exactly the acknowledged writes that are missing.
 */
class PartitionTest {

    @Test
    void aPartitionedWriterLosesExactlyWhatItsLedgerSays(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west", "central"))) {
            cluster.autoFailover = true;
            cluster.lease = Duration.ofMillis(1000);
            Map<String, FaultyProxy> toEast = new LinkedHashMap<>();
            for (String replica : List.of("west", "central")) {
                FaultyProxy proxy = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", cluster.ports.get("east")))
                        .listen(new InetSocketAddress("127.0.0.1", 0)).seed(7).start();
                toEast.put(replica, proxy);
                Map<String, String> view = new LinkedHashMap<>(cluster.urls);
                view.put("east", "http://127.0.0.1:" + proxy.address().getPort());
                cluster.views.put(replica, view);
            }
            cluster.startAll();
            StoreClient inEast = new StoreClient(Map.of("east", cluster.urls.get("east")), "east");
            AckLog log = new AckLog();
            for (int i = 0; i < 50; i++) {
                log.add("before-" + i, "v", inEast.put("before-" + i, "v"));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("west").node().status().lastIndex() == 50);

            toEast.values().forEach(proxy -> {
                proxy.faults(Faults.none().partitioned(Partition.DROP));
                proxy.resetAll();
            });
            cluster.links.get("east").cutOff(true);
            for (int i = 0; ; i++) {
                try {
                    log.add("during-" + i, "v", inEast.put("during-" + i, "v"));
                } catch (StoreException fenced) {
                    break;
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.servers.get("west").node().role() == Role.WRITER
                    || cluster.servers.get("central").node().role() == Role.WRITER);
            String newWriter = cluster.servers.get("west").node().role() == Role.WRITER ? "west" : "central";
            StoreClient elsewhere = new StoreClient(cluster.urls, newWriter);
            for (int i = 0; i < 20; i++) {
                log.add("after-" + i, "v", elsewhere.put("after-" + i, "v"));
            }

            toEast.values().forEach(proxy -> proxy.faults(Faults.none()));
            cluster.links.get("east").cutOff(false);
            await().atMost(Duration.ofSeconds(15)).until(() -> cluster.servers.get("east").node().status().lastIndex()
                    == cluster.servers.get(newWriter).node().status().lastIndex() && cluster.servers.get("east").node().role() == Role.REPLICA);

            Set<String> missing = PromiseChecker.check(cluster, log, true, "east partitioned, " + newWriter + " took over").missing();
            assertThat(missing).as("acknowledged during the partition, never replicated").isNotEmpty();
            assertThat(cluster.servers.get("east").node().lostWrites()).as("east's ledger names them")
                    .extracting(lost -> PromiseChecker.id(lost.key(), lost.value(), lost.index(), lost.epoch())).containsAll(missing);
            assertThat(missing).allMatch(id -> id.startsWith("during-"));
            toEast.values().forEach(FaultyProxy::close);
        }
    }
}
