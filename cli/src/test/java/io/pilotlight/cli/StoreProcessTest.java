package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.NotWriterException;
import io.pilotlight.store.StoreClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store nodes as real processes: kill -9 of the writer, a writer paused past its lease, and the CLI around them. */
class StoreProcessTest {

    @Test
    void killNineOfTheWriterFailsOverWithinTheLeasePlusOneSecondAndLosesNothingReplicated(@TempDir Path dir) throws Exception {
        try (StoreProcesses cluster = new StoreProcesses(dir, List.of("east", "west"), "2s")) {
            StoreClient client = new StoreClient(cluster.urls, "east");
            Map<String, String> acked = new ConcurrentHashMap<>();
            for (int i = 0; i < 100; i++) {
                client.put("k" + i, "v" + i);
                acked.put("k" + i, "v" + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> "v99".equals(client.get("west", "k99").value()));
            long died = System.nanoTime();
            cluster.kill9("east");
            client.writer("west");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .until(() -> client.put("after", "1").version() > 0);
            Duration took = Duration.ofNanos(System.nanoTime() - died);
            assertThat(took).as("kill -9 to first acknowledged write: " + took.toMillis() + "ms").isLessThan(Duration.ofSeconds(3));
            for (var write : acked.entrySet()) {
                assertThat(client.get("west", write.getKey()).value()).isEqualTo(write.getValue());
            }

            cluster.start("east"); // the old writer returns as a replica of the new one
            await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(client.get("east", "after").value()));
            CliProcess.Result status = CliProcess.run(args(cluster, "store", "status"));
            assertThat(status.out()).containsPattern("east +replica +2").containsPattern("west +writer +2");
        }
    }

    @Test
    void aWriterPausedPastItsLeaseIsFencedAndRejoinsAsAReplica(@TempDir Path dir) throws Exception {
        try (StoreProcesses cluster = new StoreProcesses(dir, List.of("east", "west"), "1s")) {
            StoreClient client = new StoreClient(cluster.urls, "east");
            client.put("a", "1");
            cluster.signal("east", "STOP");
            client.writer("west");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> client.put("b", "2").version() > 0);
            cluster.signal("east", "CONT");
            StoreClient toOld = new StoreClient(Map.of("east", cluster.urls.get("east")), "east");
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                try {
                    toOld.put("c", "stale writer");
                    return false; // the paused writer must never acknowledge again
                } catch (NotWriterException fenced) {
                    return "west".equals(fenced.writerRegion()) || fenced.writerRegion() == null;
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(client.get("east", "b").value()));
            assertThat(client.get("west", "c").found()).isFalse();
        }
    }

    @Test
    void switchoverAndLostWritesThroughTheCli(@TempDir Path dir) throws Exception {
        try (StoreProcesses cluster = new StoreProcesses(dir, List.of("east", "west"), "2s")) {
            StoreClient client = new StoreClient(cluster.urls, "east");
            AtomicBoolean running = new AtomicBoolean(true);
            Map<String, String> acked = new ConcurrentHashMap<>();
            Thread load = Thread.ofPlatform().start(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        client.put("s" + i, "v" + i);
                        acked.put("s" + i, "v" + i);
                    } catch (Exception retry) {
                        client.writer("west");
                    }
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() > 100);
            CliProcess.Result switched = CliProcess.run(args(cluster, "store", "switchover", "--to", "west"));
            assertThat(switched.exitCode()).as(switched.err()).isZero();
            assertThat(switched.out()).contains("switched over from east to west").contains("nothing lost");
            await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() > 300);
            running.set(false);
            load.join();
            for (var write : acked.entrySet()) {
                assertThat(client.get("west", write.getKey()).value()).as(write.getKey()).isEqualTo(write.getValue());
            }
            CliProcess.Result lost = CliProcess.run(args(cluster, "store", "lost-writes"));
            assertThat(lost.out()).contains("0 lost writes");
        }
    }

    private static String[] args(StoreProcesses cluster, String... command) {
        List<String> all = new java.util.ArrayList<>(List.of(command));
        all.addAll(cluster.peerArgs());
        return all.toArray(String[]::new);
    }
}
