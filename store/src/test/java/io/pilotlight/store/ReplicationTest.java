package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.node.NodeStatus;
import io.pilotlight.store.node.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicationTest {

    @Test
    void writesReachEveryReplicaInOrderAndReadsSayHowStale(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west", "central")).startAll()) {
            StoreClient client = cluster.client();
            for (int i = 0; i < 200; i++) {
                client.put("k" + (i % 50), "v" + i);
            }
            for (String replica : List.of("west", "central")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> "v199".equals(client.get(replica, "k49").value()));
                StoreClient.Read read = client.get(replica, "k49");
                assertThat(read.servedBy()).isEqualTo("REPLICA");
                assertThat(read.version()).isEqualTo(200);
            }
            NodeStatus writer = cluster.servers.get("east").node().status();
            assertThat(writer.role()).isEqualTo(Role.WRITER);
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("east").node().status().replicas().size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.servers.get("east").node().status().replicas().values()
                    .stream().allMatch(lag -> lag.lagEntries() == 0));
        }
    }

    @Test
    void aReplicaRefusesWritesAndNamesTheWriter(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient toReplica = new StoreClient(cluster.urls, "west");
            StoreClient.Ack ack = toReplica.put("a", "1"); // follows the error's writer region
            assertThat(toReplica.writer()).isEqualTo("east");
            assertThat(ack.version()).isEqualTo(1);
            assertThatThrownBy(() -> cluster.servers.get("west").node().write("a", "2".getBytes(), null).get())
                    .hasCauseInstanceOf(NotWriterException.class)
                    .cause().satisfies(e -> assertThat(((NotWriterException) e).writerRegion()).isEqualTo("east"));
        }
    }

    @Test
    void conditionalPutsCompareVersions(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient client = cluster.client();
            StoreClient.Ack created = client.putIfVersion("counter", "1", 0);
            assertThat(client.putIfVersion("counter", "2", created.version()).version()).isGreaterThan(created.version());
            assertThatThrownBy(() -> client.putIfVersion("counter", "3", created.version()))
                    .isInstanceOf(VersionMismatchException.class).hasMessageContaining("version mismatch");
            assertThatThrownBy(() -> client.putIfVersion("counter", "x", 0)).isInstanceOf(VersionMismatchException.class);
        }
    }

    @Test
    void aCrashedReplicaCatchesUpFromTheLog(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            StoreClient client = cluster.client();
            client.put("before", "1");
            await().atMost(Duration.ofSeconds(5)).until(() -> client.get("west", "before").found());
            cluster.stop("west");
            for (int i = 0; i < 500; i++) {
                client.put("during-" + i, "v" + i);
            }
            cluster.start("west");
            await().atMost(Duration.ofSeconds(10)).until(() -> "v499".equals(client.get("west", "during-499").value()));
            assertThat(cluster.servers.get("west").node().status().lastIndex()).isEqualTo(501);
        }
    }

    @Test
    void theRpoGuardRefusesCommitsWhenNoReplicaIsWithinTheBound(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west"))) {
            cluster.lagBound = Duration.ofMillis(500);
            cluster.start("east");
            StoreClient client = cluster.client();
            assertThatThrownBy(() -> client.put("a", "1")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("RPO guard").hasMessageContaining("no replica connected");
            cluster.start("west");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.put("a", "1").version() > 0);
        }
    }
}
