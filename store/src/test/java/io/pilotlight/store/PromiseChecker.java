package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.node.LostWrite;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.StoreServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The store's promise, checked after recovery against every acknowledgement clients saw:
 * (a) every acknowledged write is readable on the writer with its acknowledged version, or named in
 * some node's lost-writes ledger, and a ledger entry that matches an acknowledged write is really missing;
 * (b) no two epochs acknowledged writes that both survive while overlapping in time;
 * (c) when no loss is allowed (sync mode, no forced promotion), nothing acknowledged is missing;
 * (d) nodes at the writer's last index hold the same data, compared by content ({@code /digest}).
 */
final class PromiseChecker {
    /** What was found: the acknowledged writes that are missing (all of them in a ledger, once the checks pass). */
    record Outcome(int acknowledged, Set<String> missing, int comparedNodes) {
    }

    private PromiseChecker() {
    }

    static String writerOf(Cluster cluster) {
        return cluster.servers.entrySet().stream().filter(e -> e.getValue().node().role() == Role.WRITER)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    static String id(String key, String value, long index, long epoch) {
        return key + "=" + value + "@" + index + "/" + epoch;
    }

    /** Waits until a writer exists and every running node's last index equals the writer's, and stays so for a second. */
    static void settle(Cluster cluster, Duration within, Supplier<String> context) {
        long deadline = System.nanoTime() + within.toNanos();
        waitFor(within, () -> "a writer after recovery; " + context.get(), () -> writerOf(cluster) != null);
        long stableSince = -1;
        while (true) {
            String writer = writerOf(cluster);
            boolean equal = writer != null && sameIndex(cluster, cluster.servers.get(writer).node().status().lastIndex());
            long now = System.nanoTime();
            if (!equal) {
                stableSince = -1;
            } else if (stableSince < 0) {
                stableSince = now;
            } else if (now - stableSince > 1_000_000_000L) {
                return;
            }
            if (now - deadline > 0) {
                throw new AssertionError("nodes did not settle at the writer's last index within " + within.toSeconds() + "s; " + context.get());
            }
            sleep(50);
        }
    }

    /** Polls until the condition holds; fails with the description (built when it fails, so it shows the state then). */
    static void waitFor(Duration within, Supplier<String> what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // e.g. a node closed under the check: look again
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within.toMillis() + "ms: " + what.get());
            }
            sleep(20);
        }
    }

    private static boolean sameIndex(Cluster cluster, long last) {
        return cluster.servers.values().stream().allMatch(s -> s.node().status().lastIndex() == last);
    }

    static Outcome check(Cluster cluster, AckLog log, boolean lossAllowed, String context) throws Exception {
        String writerRegion = writerOf(cluster);
        assertThat(writerRegion).as(context + ": a writer").isNotNull();
        StoreServer writer = cluster.servers.get(writerRegion);
        Set<String> ledger = new HashSet<>();
        for (StoreServer server : cluster.servers.values()) {
            for (LostWrite lost : server.node().lostWrites()) {
                ledger.add(id(lost.key(), lost.value(), lost.index(), lost.epoch()));
            }
        }
        Set<String> missing = new HashSet<>();
        Set<String> acked = new HashSet<>();
        Map<Long, long[]> survivingAckWindow = new TreeMap<>();
        for (AckLog.Acked ack : log.acks) {
            String id = id(ack.key(), ack.value(), ack.index(), ack.epoch());
            acked.add(id);
            var read = writer.node().read(ack.key());
            boolean survived = read.value() != null && new String(read.value(), java.nio.charset.StandardCharsets.UTF_8).equals(ack.value())
                    && read.version() == ack.index();
            if (!survived) {
                missing.add(id);
            } else {
                survivingAckWindow.merge(ack.epoch(), new long[] {ack.ackTime(), ack.ackTime()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        Set<String> ackedInLedger = ledger.stream().filter(acked::contains).collect(Collectors.toSet());
        Set<String> untraced = new HashSet<>(missing);
        untraced.removeAll(ackedInLedger);
        Set<String> falselyLedgered = new HashSet<>(ackedInLedger);
        falselyLedgered.removeAll(missing);
        assertThat(untraced).as(context + ": " + untraced.size() + " of " + missing.size() + " missing acknowledged writes are in no ledger, e.g. "
                + sample(untraced)).isEmpty();
        assertThat(falselyLedgered).as(context + ": ledger entries for acknowledged writes that did survive, e.g. " + sample(falselyLedgered)).isEmpty();
        if (!lossAllowed) {
            assertThat(missing).as(context + ": no acknowledged write may be lost (sync mode, no forced promotion); lost e.g. " + sample(missing))
                    .isEmpty();
        }
        long previousEnd = Long.MIN_VALUE;
        long previousEpoch = 0;
        for (Map.Entry<Long, long[]> epoch : survivingAckWindow.entrySet()) {
            assertThat(epoch.getValue()[0]).as(context + ": epoch " + epoch.getKey() + " acknowledged surviving writes from " + epoch.getValue()[0]
                    + " while epoch " + previousEpoch + " still did until " + previousEnd).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = epoch.getValue()[1];
            previousEpoch = epoch.getKey();
        }
        int compared = sameContent(cluster, writerRegion, context);
        return new Outcome(log.acks.size(), missing, compared);
    }

    /** Compares every node at the writer's last index with the writer by content; returns how many were compared. */
    static int sameContent(Cluster cluster, String writerRegion, String context) throws Exception {
        ContentDigest reference = DigestReader.fetch(cluster.urls.get(writerRegion));
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (String region : cluster.servers.keySet()) {
            ContentDigest digest = DigestReader.fetch(cluster.urls.get(region));
            if (region.equals(writerRegion) || digest.lastIndex() != reference.lastIndex()) {
                continue;
            }
            compared++;
            List<String> ranges = digest.differingFrom(reference).stream().map(ContentDigest.Range::range).toList();
            if (!ranges.isEmpty()) {
                differences.add(region + " differs from the writer " + writerRegion + " at index " + digest.lastIndex() + " in ranges " + ranges
                        + " (" + digest.keys() + " keys vs " + reference.keys() + ")");
            }
        }
        assertThat(differences).as(context + ": replicas at the writer's last index hold the same data").isEmpty();
        return compared;
    }

    private static String sample(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList().toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
