package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.node.LostWrite;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.StoreServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random fault schedules, reproducible from their seed (set PILOTLIGHT_CHAOS_SEED to replay one):
 * writers crash and restart, replicas crash, the writer is cut off from the coordinator, planned
 * switchovers, while clients write. Then a checker: every acknowledged write either survives or is
 * in a lost-writes ledger, exactly; and no two epochs acknowledged writes that both survive at the same time.
 */
class ChaosTest {
    private static final List<String> REGIONS = List.of("east", "west", "central");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 42})
    void everyAcknowledgedWriteSurvivesOrIsInALedger(long givenSeed, @TempDir Path dir) throws Exception {
        long seed = System.getenv("PILOTLIGHT_CHAOS_SEED") != null ? Long.parseLong(System.getenv("PILOTLIGHT_CHAOS_SEED")) : givenSeed;
        Random random = new Random(seed);
        List<String> schedule = new ArrayList<>();
        try (Cluster cluster = new Cluster(dir, REGIONS)) {
            cluster.autoFailover = true;
            cluster.lease = Duration.ofMillis(800);
            cluster.startAll();
            AckLog log = new AckLog();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int id = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    StoreClient client = cluster.client();
                    for (int i = 0; running.get(); i++) {
                        String key = "c" + id + "-" + i;
                        try {
                            log.add(key, "v" + i, client.put(key, "v" + i));
                        } catch (Exception unavailable) {
                            sleep(20);
                        }
                    }
                }));
            }
            for (int step = 0; step < 6; step++) {
                sleep(200 + random.nextInt(600));
                schedule.add(injectOne(cluster, random));
            }
            sleep(500);
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            heal(cluster);
            check(cluster, log, "seed " + seed + " schedule " + schedule);
            assertThat(log.acks).as("seed " + seed + ": clients got acknowledgements").hasSizeGreaterThan(50);
        }
    }

    private static String injectOne(Cluster cluster, Random random) throws Exception {
        String writer = writerOf(cluster);
        List<String> replicas = cluster.servers.keySet().stream().filter(r -> !r.equals(writer)).toList();
        switch (random.nextInt(4)) {
            case 0 -> {
                if (writer == null) {
                    return "no writer yet";
                }
                cluster.stop(writer);
                sleep(random.nextInt(1500));
                cluster.start(writer);
                return "crash writer " + writer;
            }
            case 1 -> {
                if (replicas.isEmpty()) {
                    return "no replica";
                }
                String victim = replicas.get(random.nextInt(replicas.size()));
                cluster.stop(victim);
                sleep(random.nextInt(1500));
                cluster.start(victim);
                return "crash replica " + victim;
            }
            case 2 -> {
                if (writer == null) {
                    return "no writer yet";
                }
                cluster.links.get(writer).cutOff(true);
                sleep(300 + random.nextInt(1500));
                cluster.links.get(writer).cutOff(false);
                return "cut writer " + writer + " from the coordinator";
            }
            default -> {
                if (writer == null || replicas.isEmpty()) {
                    return "no switchover";
                }
                String target = replicas.get(random.nextInt(replicas.size()));
                try {
                    cluster.servers.get(writer).node().switchover(target, Duration.ofSeconds(3));
                    return "switchover " + writer + " -> " + target;
                } catch (StoreException | IllegalStateException aborted) {
                    return "switchover " + writer + " -> " + target + " aborted: " + aborted.getMessage();
                }
            }
        }
    }

    private static String writerOf(Cluster cluster) {
        return cluster.servers.entrySet().stream().filter(e -> e.getValue().node().role() == Role.WRITER)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static void heal(Cluster cluster) throws Exception {
        cluster.links.values().forEach(link -> link.cutOff(false));
        for (String region : REGIONS) {
            if (!cluster.servers.containsKey(region)) {
                cluster.start(region);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> writerOf(cluster) != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String writer = writerOf(cluster);
            if (writer == null) {
                return false;
            }
            long last = cluster.servers.get(writer).node().status().lastIndex();
            return cluster.servers.values().stream().allMatch(s -> s.node().status().lastIndex() == last);
        });
    }

    private static void check(Cluster cluster, AckLog log, String context) throws Exception {
        StoreServer writer = cluster.servers.get(writerOf(cluster));
        Set<String> ledger = new HashSet<>();
        for (StoreServer server : cluster.servers.values()) {
            for (LostWrite lost : server.node().lostWrites()) {
                ledger.add(lost.key() + "=" + lost.value() + "@" + lost.index() + "/" + lost.epoch());
            }
        }
        Set<String> missing = new HashSet<>();
        Set<String> ackedIds = new HashSet<>();
        Map<Long, long[]> survivingAckWindow = new TreeMap<>();
        for (AckLog.Acked ack : log.acks) {
            String id = ack.key() + "=" + ack.value() + "@" + ack.index() + "/" + ack.epoch();
            ackedIds.add(id);
            var read = writer.node().read(ack.key());
            boolean survived = read.value() != null && new String(read.value()).equals(ack.value()) && read.version() == ack.index();
            if (!survived) {
                missing.add(id);
            } else {
                survivingAckWindow.merge(ack.epoch(), new long[] {ack.ackTime(), ack.ackTime()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        Set<String> ackedInLedger = ledger.stream().filter(ackedIds::contains).collect(Collectors.toSet());
        assertThat(missing).as(context + ": acknowledged writes missing after recovery must be exactly the ledger's").isEqualTo(ackedInLedger);
        System.out.println(context + ": " + log.acks.size() + " acknowledged, " + missing.size() + " lost, all of them in a ledger");
        long previousEnd = Long.MIN_VALUE;
        for (Map.Entry<Long, long[]> epoch : survivingAckWindow.entrySet()) {
            assertThat(epoch.getValue()[0]).as(context + ": epoch " + epoch.getKey() + " acknowledged surviving writes while an older epoch still did")
                    .isGreaterThanOrEqualTo(previousEnd);
            previousEnd = epoch.getValue()[1];
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
