package io.pilotlight.engine.postgres;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.Handover;
import io.pilotlight.engine.LostWrite;
import io.pilotlight.engine.ReplicaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * bench/postgres/failover.sh's driver: in one run, N rounds of Pilotlight's PostgreSQL engine and of Patroni + etcd
 * ({@link PatroniCluster}), each round on fresh servers on loopback: a switchover A to B under a continuous client (the
 * client's longest gap between two acknowledgements), then kill -9 of B (the primary) until the client's first commit
 * on A; acknowledged rows missing afterwards against the rows the tool reports lost.
 *
 * <p>Usage: {@code PgFailoverBench <work dir> <runs> <systems: pilotlight,patroni> [pace ms]}
 */
public final class PgFailoverBench {
    record Result(String system, int run, long switchoverGapMs, long failoverMs, int ackedLost, int reported, String note) {
    }

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Random RANDOM = new Random(16);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        List<String> systems = List.of(args[2].split(","));
        long pace = args.length > 3 ? Long.parseLong(args[3]) : 5;
        lossWindow = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 0);
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String system : systems) {
                Path dir = work.resolve("r" + run + "-" + system);
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Result r;
                try {
                    r = system.equals("patroni") ? patroni(dir, run, pace) : pilotlight(dir, run, pace);
                } catch (Exception e) {
                    System.out.println("RESULT " + system + " run " + run + ": FAILED: " + e);
                    e.printStackTrace();
                    PgFixture.delete(dir);
                    continue;
                }
                results.add(r);
                System.out.printf(Locale.ROOT, "RESULT %s run %d: switchover gap %d ms, failover %d ms, acknowledged lost %d, reported lost %s%s%n",
                        r.system(), r.run(), r.switchoverGapMs(), r.failoverMs(), r.ackedLost(), r.reported() < 0 ? "nothing (no report)"
                                : Integer.toString(r.reported()), r.note().isEmpty() ? "" : " (" + r.note() + ")");
            }
        }
        summary(results, systems);
    }

    private static void summary(List<Result> results, List<String> systems) {
        Map<String, double[]> medians = new TreeMap<>();
        for (String system : systems) {
            List<Result> mine = results.stream().filter(r -> r.system().equals(system)).toList();
            double fo = median(mine.stream().mapToLong(Result::failoverMs).toArray());
            double gap = median(mine.stream().mapToLong(Result::switchoverGapMs).toArray());
            medians.put(system, new double[] {fo, gap});
            System.out.printf(Locale.ROOT, "MEDIAN %s: failover %.0f ms, switchover gap %.0f ms, failover runs %s, gaps %s%n", system, fo, gap,
                    mine.stream().map(r -> Long.toString(r.failoverMs())).toList(), mine.stream().map(r -> Long.toString(r.switchoverGapMs())).toList());
        }
        if (medians.containsKey("pilotlight") && medians.containsKey("patroni")) {
            System.out.printf(Locale.ROOT, "RATIO Patroni / Pilotlight: failover %.1fx, switchover gap %.1fx%n",
                    medians.get("patroni")[0] / medians.get("pilotlight")[0], medians.get("patroni")[1] / medians.get("pilotlight")[1]);
        }
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    static String url(int a, int b) {
        return "jdbc:postgresql://127.0.0.1:" + a + ",127.0.0.1:" + b + "/postgres?user=postgres";
    }

    /**
     * LOSS_WINDOW_MS: the primary's WAL senders are paused (SIGSTOP) this long before the primary is killed, so it
     * acknowledges commits its standby never receives (pausing the standby would not do: its socket buffers what the
     * primary sends, and it reads that on resuming): the failover must lose them, and the tool must say which.
     * 0: no pause (on loopback the standby is nearly always caught up).
     */
    private static Duration lossWindow = Duration.ZERO;

    /** Pauses the primary's WAL senders for the loss window, then runs {@code kill} (the primary's SIGKILL ends them too). */
    private static void killDuringLossWindow(long primaryPostmaster, ThrowingRunnable kill) throws Exception {
        if (!lossWindow.isZero()) {
            List<Long> senders = ProcessHandle.of(primaryPostmaster).stream().flatMap(ProcessHandle::descendants)
                    .filter(h -> commandLine(h.pid()).contains("walsender")).map(ProcessHandle::pid).toList();
            if (senders.isEmpty()) {
                throw new IllegalStateException("no WAL sender under the primary's postmaster " + primaryPostmaster);
            }
            for (long sender : senders) {
                new ProcessBuilder("kill", "-STOP", Long.toString(sender)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
            Thread.sleep(lossWindow);
        }
        kill.run();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Pilotlight: managed servers east (A) and west (B), the engine with a 2 s lease; this driver is the controller. */
    private static Result pilotlight(Path dir, int run, long pace) throws Exception {
        Map<String, Integer> ports = ManagedPostgres.freePorts(List.of("east", "west"));
        try (ManagedPostgres servers = ManagedPostgres.start(dir, "east", ports);
             DataStoreEngine engine = PostgresEngineFactory.open("bench", PgFixture.spec("east", List.of("east", "west")), servers.endpoints(),
                     Clock.systemUTC(), UnaryOperator.identity())) {
            BenchClient client = new BenchClient(url(ports.get("east"), ports.get("west")), "pl" + run, pace);
            long gap;
            try {
                Thread.sleep(2000 + RANDOM.nextInt(1000));
                long t0 = System.nanoTime();
                Handover h = engine.switchover("west", Duration.ofSeconds(20));
                Thread.sleep(1500);
                gap = client.longestGapEndingAfter(t0) / 1_000_000;
                System.out.println("pilotlight run " + run + ": switchover " + h.summary());
                awaitStreaming(engine, "east", Duration.ofSeconds(60));
                Thread.sleep(2000 + RANDOM.nextInt(1000));
                long kill = System.nanoTime();
                killDuringLossWindow(servers.pid("west"), () -> killTree(servers.pid("west")));
                // the controller: a look every 100 ms; promotes east once west does not answer (promote waits for the lease)
                while (engine.state("west").role() != ReplicaRole.UNREACHABLE) {
                    Thread.sleep(100);
                }
                Handover promoted = engine.promote("east", Duration.ofSeconds(15), false);
                long first;
                while ((first = client.firstAckAfter(kill, ports.get("east"))) < 0 && System.nanoTime() - kill < 60_000_000_000L) {
                    Thread.sleep(20);
                }
                Thread.sleep(500);
                client.close();
                long failover = first < 0 ? -1 : (first - kill) / 1_000_000;
                System.out.println("pilotlight run " + run + ": promoted " + promoted.summary());
                Set<String> present = keys(servers.jdbcUrl("east"));
                Set<String> ackedLost = new HashSet<>();
                client.acks().forEach(a -> {
                    if (!present.contains(a.key())) {
                        ackedLost.add(a.key());
                    }
                });
                engine.rejoin("west");
                Set<String> ledger = new HashSet<>();
                for (LostWrite w : engine.lostWrites("west")) {
                    if (w.table().equals("bench") || w.table().endsWith(".bench")) {
                        ledger.add(w.key());
                    }
                }
                Set<String> unackedInLedger = new HashSet<>(ledger);
                unackedInLedger.removeAll(ackedLost);
                boolean exact = ledger.containsAll(ackedLost) && client.unacknowledged().containsAll(unackedInLedger);
                String note = (exact ? "ledger exact" : "LEDGER DIFFERS: ledger " + ledger + ", acknowledged lost " + ackedLost)
                        + (unackedInLedger.isEmpty() ? "" : "; the ledger also lists " + unackedInLedger.size()
                                + " commit(s) the client sent but never saw acknowledged");
                return new Result("pilotlight", run, gap, failover, ackedLost.size(), ledger.size() - unackedInLedger.size(), note);
            } finally {
                client.close();
            }
        } finally {
            PgFixture.delete(dir);
        }
    }

    private static void awaitStreaming(DataStoreEngine engine, String region, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            var s = engine.state(region);
            if (s.role() == ReplicaRole.REPLICA && s.detail().contains("streaming")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(region + " does not stream: " + engine.state(region));
    }

    /** Patroni + etcd on loopback: pg-a (A) bootstraps, pg-b (B) replicates; switchover A to B, then B killed. */
    private static Result patroni(Path dir, int run, long pace) throws Exception {
        try (PatroniCluster p = PatroniCluster.start(dir, run)) {
            BenchClient client = new BenchClient(url(p.pgPort("a"), p.pgPort("b")), "pa" + run, pace);
            try {
                Thread.sleep(2000 + RANDOM.nextInt(1000));
                long t0 = System.nanoTime();
                p.switchover("a", "b");
                p.awaitStreaming("b", "a", Duration.ofSeconds(90));
                Thread.sleep(1000);
                long gap = client.longestGapEndingAfter(t0) / 1_000_000;
                Thread.sleep(1000 + RANDOM.nextInt(1000));
                long kill = System.nanoTime();
                killDuringLossWindow(p.postmaster("b"), () -> p.kill("b"));
                long first;
                while ((first = client.firstAckAfter(kill, p.pgPort("a"))) < 0 && System.nanoTime() - kill < 90_000_000_000L) {
                    Thread.sleep(20);
                }
                Thread.sleep(500);
                client.close();
                Set<String> present = keys(url(p.pgPort("a"), p.pgPort("a")));
                int lost = (int) client.acks().stream().filter(a -> !present.contains(a.key())).count();
                return new Result("patroni", run, gap, first < 0 ? -1 : (first - kill) / 1_000_000, lost, -1, "");
            } finally {
                client.close();
            }
        } finally {
            PgFixture.delete(dir);
        }
    }

    static Set<String> keys(String url) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement(); ResultSet r = s.executeQuery("select key from bench")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }

    /** SIGKILL to a process and everything under it (the postmaster and its backends). */
    static void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            List<ProcessHandle> all = new ArrayList<>();
            all.add(h);
            h.descendants().forEach(all::add);
            all.forEach(ProcessHandle::destroyForcibly);
        });
    }
}
