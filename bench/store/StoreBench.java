import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The store benchmark's driver (compiled and run by bench/store/run.sh with javac, JDK 21+, the PostgreSQL
 * JDBC driver on the class path).
 *
 * <ul>
 *   <li>{@code load}: C clients upsert N values of B bytes (the same generated payloads for every
 *   system) into the writer, measuring acknowledged writes per second; meanwhile a probe samples
 *   one acknowledged write every few milliseconds and polls the replica with short point reads
 *   until that write is visible there: replica lag = visible on the replica minus acknowledged to
 *   the client, measured the same way for both systems.</li>
 *   <li>{@code switchover}: clients write continuously to a Pilotlight pair, the writer is asked to
 *   switch over; the longest gap between consecutive acknowledged writes is the write gap.</li>
 *   <li>{@code failover}: a client writes continuously; the writer's JVM is killed (SIGKILL); the
 *   failover time is the kill until the first write acknowledged by the promoted replica.</li>
 *   <li>{@code report}: prints the table of every result file.</li>
 * </ul>
 */
public final class StoreBench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java StoreBench.java load|switchover|failover|report --option=value ...");
            System.exit(2);
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "load" -> load(o);
            case "switchover" -> switchover(o);
            case "failover" -> failover(o);
            case "report" -> report(o);
            case "ledger" -> ledger(o);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            out.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return out;
    }

    private static String need(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return v;
    }

    private static int intOpt(Map<String, String> o, String name, int def) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : def;
    }

    // ==== the systems under test ===============================================================

    /** One client connection that writes. */
    interface Writer extends AutoCloseable {
        void put(String key, int seq) throws Exception;

        @Override
        void close();
    }

    /** One client connection that reads from the replica: the sequence number of the key's value, -1 when absent. */
    interface Probe extends AutoCloseable {
        long seqOf(String key) throws Exception;

        @Override
        void close();
    }

    interface Target {
        Writer writer() throws Exception;

        Probe probe() throws Exception;
    }

    /** The same payloads for every system: a 12-digit sequence number, a dash, then seeded letters. */
    static final class Payloads {
        final byte[][] bytes;
        final String[] text;

        Payloads(int count, int size, long seed) {
            bytes = new byte[count][];
            text = new String[count];
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[size];
                byte[] head = String.format("%012d-", i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
                for (int j = head.length; j < size; j++) {
                    b[j] = (byte) ('a' + random.nextInt(26));
                }
                bytes[i] = b;
                text[i] = new String(b, StandardCharsets.US_ASCII);
            }
        }
    }

    static final class PilotlightTarget implements Target {
        private final String writerUrl;
        private final String replicaUrl;
        private final Payloads payloads;

        PilotlightTarget(String writerUrl, String replicaUrl, Payloads payloads) {
            this.writerUrl = writerUrl;
            this.replicaUrl = replicaUrl;
            this.payloads = payloads;
        }

        @Override
        public Writer writer() {
            Http http = new Http(writerUrl);
            return new Writer() {
                @Override
                public void put(String key, int seq) throws IOException {
                    Http.Response r = http.call("PUT", "/kv/" + key, payloads.bytes[seq]);
                    if (r.status() != 200) {
                        throw new IOException("PUT /kv/" + key + " answered " + r.status() + ": " + r.text());
                    }
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        }

        @Override
        public Probe probe() {
            Http http = new Http(replicaUrl);
            return new Probe() {
                @Override
                public long seqOf(String key) throws IOException {
                    // the first 12 bytes of the value (its sequence number), as PostgreSQL's probe reads substr(value, 1, 12)
                    Http.Response r = http.call("GET", "/kv/" + key + "?format=raw", "Range: bytes=0-11\r\n", null);
                    if (r.status() == 404) {
                        return -1;
                    }
                    if (r.status() != 206) {
                        throw new IOException("GET /kv/" + key + "?format=raw answered " + r.status() + ": " + r.text());
                    }
                    return Long.parseLong(r.text());
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        }
    }

    static final class PostgresTarget implements Target {
        private final String writerJdbc;
        private final String replicaJdbc;
        private final Payloads payloads;

        PostgresTarget(String writerJdbc, String replicaJdbc, Payloads payloads) {
            this.writerJdbc = writerJdbc;
            this.replicaJdbc = replicaJdbc;
            this.payloads = payloads;
        }

        @Override
        public Writer writer() throws SQLException {
            Connection c = DriverManager.getConnection(writerJdbc);
            c.setAutoCommit(true);
            PreparedStatement upsert = c.prepareStatement("INSERT INTO kv(key, value, ts) VALUES (?, ?, now()) "
                    + "ON CONFLICT (key) DO UPDATE SET value = excluded.value, ts = excluded.ts");
            return new Writer() {
                @Override
                public void put(String key, int seq) throws SQLException {
                    upsert.setString(1, key);
                    upsert.setString(2, payloads.text[seq]);
                    upsert.executeUpdate();
                }

                @Override
                public void close() {
                    closeQuietly(c);
                }
            };
        }

        @Override
        public Probe probe() throws SQLException {
            Connection c = DriverManager.getConnection(replicaJdbc);
            c.setAutoCommit(true);
            PreparedStatement read = c.prepareStatement("SELECT substr(value, 1, 12) FROM kv WHERE key = ?");
            return new Probe() {
                @Override
                public long seqOf(String key) throws SQLException {
                    read.setString(1, key);
                    try (ResultSet rs = read.executeQuery()) {
                        return rs.next() ? Long.parseLong(rs.getString(1)) : -1;
                    }
                }

                @Override
                public void close() {
                    closeQuietly(c);
                }
            };
        }

        private static void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    // ==== load: throughput and replica lag =====================================================

    record Sample(String key, int seq, long ackNanos) {
    }

    private static void load(Map<String, String> o) throws Exception {
        String system = need(o, "system");
        String phase = need(o, "phase");
        int clients = intOpt(o, "clients", 16);
        int writes = intOpt(o, "writes", 20_000);
        int warmup = intOpt(o, "warmup", 4_000);
        int valueBytes = intOpt(o, "value-bytes", 1024);
        int keys = intOpt(o, "keys", writes / 2);
        long sampleNanos = intOpt(o, "sample-us", 10_000) * 1_000L;
        String prefix = o.getOrDefault("prefix", phase);
        Payloads payloads = new Payloads(Math.max(writes, warmup), valueBytes, 42);
        Target target = switch (system) {
            case "pilotlight" -> new PilotlightTarget(need(o, "writer"), need(o, "replica"), payloads);
            case "postgresql" -> new PostgresTarget(need(o, "writer"), need(o, "replica"), payloads);
            default -> throw new IllegalArgumentException("--system must be pilotlight or postgresql");
        };
        if (warmup > 0) {
            run(target, clients, warmup, keys, "warm" + prefix + "-", Long.MAX_VALUE, List.of());
            Thread.sleep(500);
        }
        List<Long> cpuRoots = new ArrayList<>();
        for (String pid : o.getOrDefault("cpu-roots", "").split(",")) {
            if (!pid.isBlank()) {
                cpuRoots.add(Long.parseLong(pid.trim()));
            }
        }
        Run r = run(target, clients, writes, keys, prefix + "-k", sampleNanos, cpuRoots);
        long[] lat = r.latencies;
        Arrays.sort(lat);
        long[] lag = r.lags.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = r.elapsedNanos / 1e9;
        Properties p = new Properties();
        p.setProperty("system", system);
        p.setProperty("phase", phase);
        p.setProperty("clients", Integer.toString(clients));
        p.setProperty("writes", Integer.toString(writes));
        p.setProperty("value_bytes", Integer.toString(valueBytes));
        p.setProperty("errors", Integer.toString(r.errors.get()));
        p.setProperty("seconds", fmt(seconds, 3));
        p.setProperty("writes_per_s", fmt(writes / seconds, 0));
        p.setProperty("write_p50_ms", ms(pct(lat, 0.50)));
        p.setProperty("write_p99_ms", ms(pct(lat, 0.99)));
        p.setProperty("lag_samples", Integer.toString(lag.length));
        p.setProperty("lag_timeouts", Integer.toString(r.lagTimeouts.get()));
        p.setProperty("lag_p50_ms", ms(pct(lag, 0.50)));
        p.setProperty("lag_p99_ms", ms(pct(lag, 0.99)));
        p.setProperty("lag_max_ms", ms(lag.length == 0 ? -1 : lag[lag.length - 1]));
        p.setProperty("probe_reads", Long.toString(r.probeReads.get()));
        p.setProperty("server_cpu_ms", Long.toString(r.serverCpuMillis));
        p.setProperty("server_cpu_ms_by_root_pid", r.serverCpuByRoot);
        p.setProperty("server_cpu_us_per_write", cpuRoots.isEmpty() ? "-1" : fmt(r.serverCpuMillis * 1000.0 / writes, 0));
        p.setProperty("client_cpu_us_per_write", fmt(r.clientCpuMillis * 1000.0 / writes, 0));
        long[] reads = r.probeLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        p.setProperty("probe_read_p50_ms", ms(pct(reads, 0.50)));
        p.setProperty("probe_read_p99_ms", ms(pct(reads, 0.99)));
        save(p, need(o, "out"));
        System.out.printf(Locale.ROOT, "%s %s: %d writes in %.2f s = %.0f writes/s (write p50 %s ms, p99 %s ms); replica lag p50 %s ms, p99 %s ms, max %s ms over %d samples (%d probe reads, p50 %s ms, p99 %s ms); CPU per write: servers %s us, client %s us%n",
                system, phase, writes, seconds, writes / seconds, p.get("write_p50_ms"), p.get("write_p99_ms"), p.get("lag_p50_ms"),
                p.get("lag_p99_ms"), p.get("lag_max_ms"), lag.length, r.probeReads.get(), p.get("probe_read_p50_ms"), p.get("probe_read_p99_ms"),
                p.get("server_cpu_us_per_write"), p.get("client_cpu_us_per_write"));
        if (r.errors.get() > 0 || r.lagTimeouts.get() > 0) {
            System.err.println("load: " + r.errors.get() + " write errors, " + r.lagTimeouts.get() + " samples never became visible");
            System.exit(1);
        }
    }

    static final class Run {
        long elapsedNanos;
        long[] latencies;
        final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger lagTimeouts = new AtomicInteger();
        final AtomicLong probeReads = new AtomicLong();
        final List<Long> probeLatencies = Collections.synchronizedList(new ArrayList<>());
        long serverCpuMillis;
        long clientCpuMillis;
        String serverCpuByRoot = "";
    }

    /** CPU clock ticks (utime + stime, 100 per second on Linux) of the given processes and all their descendants, by pid. */
    private static Map<Long, Long> cpuTicks(List<Long> roots) {
        Map<Long, Long> out = new HashMap<>();
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(h -> {
                java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()).forEach(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        out.put(p.pid(), Long.parseLong(f[11]) + Long.parseLong(f[12])); // fields 14 and 15: utime, stime
                    } catch (IOException | RuntimeException gone) {
                        // the process ended
                    }
                });
            });
        }
        return out;
    }

    /** Runs {@code writes} upserts over {@code clients} connections; samples one acknowledged write every {@code sampleNanos}. */
    private static Run run(Target target, int clients, int writes, int keys, String keyPrefix, long sampleNanos, List<Long> cpuRoots)
            throws Exception {
        Run r = new Run();
        r.latencies = new long[writes];
        AtomicInteger next = new AtomicInteger();
        AtomicLong nextSampleAt = new AtomicLong(0);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        boolean sampling = sampleNanos != Long.MAX_VALUE;
        List<Writer> writers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            writers.add(target.writer());
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(clients);
        AtomicLong writing = new AtomicLong(1);
        Thread prober = null;
        if (sampling) {
            Probe probe = target.probe();
            prober = Thread.ofPlatform().name("lag-probe").start(() -> probe(probe, samples, writing, r));
        }
        for (Writer w : writers) {
            Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    int seq;
                    while ((seq = next.getAndIncrement()) < writes) {
                        String key = keyPrefix + (seq % keys);
                        long t0 = System.nanoTime();
                        try {
                            w.put(key, seq);
                        } catch (Exception e) {
                            if (r.errors.incrementAndGet() <= 5) {
                                System.err.println("write failed: " + e);
                            }
                            continue;
                        }
                        long t1 = System.nanoTime();
                        r.latencies[seq] = t1 - t0;
                        if (sampling) {
                            long due = nextSampleAt.get();
                            if (t1 >= due && nextSampleAt.compareAndSet(due, t1 + sampleNanos)) {
                                samples.add(new Sample(key, seq, t1));
                            }
                        }
                    }
                } catch (InterruptedException ignored) {
                    // stop
                } finally {
                    finished.countDown();
                }
            });
        }
        Map<Long, Map<Long, Long>> perRoot0 = new LinkedHashMap<>();
        cpuRoots.forEach(root -> perRoot0.put(root, cpuTicks(List.of(root))));
        Map<Long, Long> cpu0 = cpuTicks(cpuRoots);
        long client0 = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        long t0 = System.nanoTime();
        start.countDown();
        finished.await();
        r.elapsedNanos = System.nanoTime() - t0;
        Map<Long, Long> cpu1 = cpuTicks(cpuRoots);
        r.serverCpuMillis = cpu1.entrySet().stream().mapToLong(e -> e.getValue() - cpu0.getOrDefault(e.getKey(), 0L)).sum() * 10;
        StringBuilder byRoot = new StringBuilder();
        perRoot0.forEach((root, before) -> {
            long ticks = cpuTicks(List.of(root)).entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            byRoot.append(byRoot.isEmpty() ? "" : " ").append(root).append('=').append(ticks * 10);
        });
        r.serverCpuByRoot = byRoot.toString();
        r.clientCpuMillis = (ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L) - client0) / 1_000_000;
        writing.set(0);
        if (prober != null) {
            prober.join();
        }
        writers.forEach(Writer::close);
        return r;
    }

    /** Polls the replica for every pending sample with short point reads, about every 0.25 ms. */
    private static void probe(Probe probe, ConcurrentLinkedQueue<Sample> incoming, AtomicLong writing, Run r) {
        List<Sample> pending = new ArrayList<>();
        long giveUpNanos = 30_000_000_000L;
        try {
            while (writing.get() == 1 || !pending.isEmpty() || !incoming.isEmpty()) {
                Sample s;
                while ((s = incoming.poll()) != null) {
                    pending.add(s);
                }
                if (pending.isEmpty()) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                for (var it = pending.iterator(); it.hasNext(); ) {
                    Sample sample = it.next();
                    long before = System.nanoTime();
                    long seen = probe.seqOf(sample.key());
                    long now = System.nanoTime();
                    r.probeLatencies.add(now - before);
                    r.probeReads.incrementAndGet();
                    if (seen >= sample.seq()) {
                        r.lags.add(Math.max(0, now - sample.ackNanos()));
                        it.remove();
                    } else if (now - sample.ackNanos() > giveUpNanos) {
                        r.lagTimeouts.incrementAndGet();
                        it.remove();
                    }
                }
                LockSupport.parkNanos(250_000);
            }
        } catch (Exception e) {
            System.err.println("lag probe failed: " + e);
            r.lagTimeouts.addAndGet(pending.size() + 1);
        } finally {
            probe.close();
        }
    }

    // ==== switchover and failover (Pilotlight) ================================================

    record Ack(long nanos, String region, long epoch, String key) {
    }

    /** A client that follows the writer: on a refusal or a dead connection it tries the other region. */
    static final class FollowingClient {
        private final Map<String, String> urls;
        private final Map<String, Http> conns = new HashMap<>();
        private final List<String> regions;
        private String current;
        long attempts;

        FollowingClient(Map<String, String> urls, String first) {
            this.urls = urls;
            this.regions = new ArrayList<>(urls.keySet());
            this.current = first;
        }

        private String other(String region) {
            return regions.get((regions.indexOf(region) + 1) % regions.size());
        }

        /** Writes until acknowledged (or until {@code stop} says so, then null). */
        Ack write(String key, byte[] value, java.util.function.BooleanSupplier stop) {
            while (!stop.getAsBoolean()) {
                attempts++;
                Http http = conns.computeIfAbsent(current, r -> new Http(urls.get(r)));
                try {
                    Http.Response r = http.call("PUT", "/kv/" + key, value);
                    if (r.status() == 200) {
                        return new Ack(System.nanoTime(), current, jsonLong(r.text(), "epoch"), key);
                    }
                    String writer = r.status() == 421 ? jsonString(r.text(), "writer_region") : null;
                    current = writer != null && !writer.equals(current) && urls.containsKey(writer) ? writer : other(current);
                } catch (IOException e) {
                    http.close();
                    current = other(current);
                }
                LockSupport.parkNanos(2_000_000);
            }
            return null;
        }

        void close() {
            conns.values().forEach(Http::close);
        }
    }

    private static void switchover(Map<String, String> o) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("east", need(o, "east"));
        urls.put("west", need(o, "west"));
        int clients = intOpt(o, "clients", 4);
        long beforeMs = intOpt(o, "before-ms", 3000);
        long afterMs = intOpt(o, "after-ms", 2000);
        Payloads payloads = new Payloads(1, intOpt(o, "value-bytes", 1024), 7);
        List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().start(() -> {
                FollowingClient client = new FollowingClient(urls, "east");
                for (int i = 0; System.nanoTime() < stopAt.get(); i++) {
                    Ack ack = client.write("s-" + id + "-" + i, payloads.bytes[0], () -> System.nanoTime() >= stopAt.get());
                    if (ack != null) {
                        acks.add(ack);
                    }
                }
                client.close();
            }));
        }
        Thread.sleep(beforeMs);
        long asked = System.nanoTime();
        Http admin = new Http(urls.get("east"));
        admin.timeoutMillis = 15_000;
        Http.Response answer = admin.call("POST", "/switchover?to=west", new byte[0]);
        long answered = System.nanoTime();
        admin.close();
        stopAt.set(System.nanoTime() + afterMs * 1_000_000);
        for (Thread t : threads) {
            t.join();
        }
        List<Ack> sorted = new ArrayList<>(acks);
        sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        long maxGap = 0;
        long gapStart = 0;
        for (int i = 1; i < sorted.size(); i++) {
            long gap = sorted.get(i).nanos() - sorted.get(i - 1).nanos();
            if (gap > maxGap) {
                maxGap = gap;
                gapStart = sorted.get(i - 1).nanos();
            }
        }
        long lastEast = sorted.stream().filter(a -> a.region().equals("east")).mapToLong(Ack::nanos).max().orElse(0);
        long firstWest = sorted.stream().filter(a -> a.region().equals("west")).mapToLong(Ack::nanos).min().orElse(0);
        // RPO: every write acknowledged before the switchover must be on the new writer
        int missing = missingOn(urls.get("west"), sorted.stream().filter(a -> a.region().equals("east")).map(Ack::key).toList());
        Properties p = new Properties();
        p.setProperty("status", Integer.toString(answer.status()));
        p.setProperty("answer", answer.text());
        p.setProperty("server_write_gap_ms", String.valueOf(jsonLong(answer.text(), "writeGapMillis")));
        p.setProperty("client_write_gap_ms", ms(maxGap));
        p.setProperty("gap_started_after_request_ms", ms(gapStart - asked));
        p.setProperty("last_east_to_first_west_ms", ms(firstWest - lastEast));
        p.setProperty("request_ms", ms(answered - asked));
        p.setProperty("acked_east", Long.toString(sorted.stream().filter(a -> a.region().equals("east")).count()));
        p.setProperty("acked_west", Long.toString(sorted.stream().filter(a -> a.region().equals("west")).count()));
        p.setProperty("missing_after", Integer.toString(missing));
        save(p, need(o, "out"));
        System.out.printf(Locale.ROOT, "switchover: HTTP %d in %s ms; longest gap between acknowledged writes %s ms (server says %s ms); "
                        + "acknowledged: %s by east, %s by west; %d acknowledged writes missing on west%n  %s%n",
                answer.status(), p.get("request_ms"), p.get("client_write_gap_ms"), p.get("server_write_gap_ms"),
                p.get("acked_east"), p.get("acked_west"), missing, answer.text());
        if (answer.status() != 200 || firstWest == 0) {
            System.exit(1);
        }
    }

    private static void failover(Map<String, String> o) throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("east", need(o, "east"));
        urls.put("west", need(o, "west"));
        long pid = Long.parseLong(need(o, "east-pid"));
        long beforeMs = intOpt(o, "before-ms", 3000);
        long afterMs = intOpt(o, "after-ms", 1000);
        long giveUpMs = intOpt(o, "give-up-ms", 15_000);
        Payloads payloads = new Payloads(1, intOpt(o, "value-bytes", 1024), 7);
        List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstWest = new AtomicLong();
        FollowingClient client = new FollowingClient(urls, "east");
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; System.nanoTime() < stopAt.get(); i++) {
                Ack ack = client.write("f-" + i, payloads.bytes[0], () -> System.nanoTime() >= stopAt.get());
                if (ack != null) {
                    acks.add(ack);
                    if (ack.region().equals("west")) {
                        firstWest.compareAndSet(0, ack.nanos());
                    }
                }
            }
        });
        Thread.sleep(beforeMs);
        ProcessHandle east = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long killed = System.nanoTime();
        east.destroyForcibly(); // SIGKILL
        long attemptsAtKill = client.attempts;
        long deadline = killed + giveUpMs * 1_000_000;
        while (firstWest.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        stopAt.set(System.nanoTime() + afterMs * 1_000_000);
        writer.join();
        client.close();
        long lastEast = acks.stream().filter(a -> a.region().equals("east")).mapToLong(Ack::nanos).max().orElse(0);
        List<Ack> eastAcks = acks.stream().filter(a -> a.region().equals("east")).toList();
        List<String> lost = missingKeys(urls.get("west"), eastAcks.stream().map(Ack::key).toList());
        long oldestLost = eastAcks.stream().filter(a -> lost.contains(a.key())).mapToLong(Ack::nanos).min().orElse(killed);
        Properties p = new Properties();
        p.setProperty("failover_ms", firstWest.get() == 0 ? "none" : ms(firstWest.get() - killed));
        p.setProperty("last_east_ack_before_kill_ms", fmt((killed - lastEast) / 1e6, 2));
        p.setProperty("acked_east", Integer.toString(eastAcks.size()));
        p.setProperty("acked_west", Long.toString(acks.stream().filter(a -> a.region().equals("west")).count()));
        p.setProperty("attempts_during_outage", Long.toString(client.attempts - attemptsAtKill));
        p.setProperty("lost_acked_writes", Integer.toString(lost.size()));
        // a write acknowledged while the SIGKILL was landing counts as a window of 0, not as "not measured" (-1)
        p.setProperty("lost_window_ms", ms(Math.max(0, killed - oldestLost)));
        p.setProperty("lost_keys", String.join(",", lost));
        p.setProperty("west_epoch", String.valueOf(acks.stream().filter(a -> a.region().equals("west")).mapToLong(Ack::epoch).max().orElse(0)));
        save(p, need(o, "out"));
        System.out.printf(Locale.ROOT, "failover: writer killed; first write acknowledged by west after %s ms (epoch %s); "
                        + "%s writes acknowledged by east before, %s lost (window %s ms)%n",
                p.get("failover_ms"), p.get("west_epoch"), p.get("acked_east"), p.get("lost_acked_writes"), p.get("lost_window_ms"));
        if (firstWest.get() == 0) {
            System.exit(1);
        }
    }

    /** After the old writer rejoined: does its lost-writes ledger name exactly the acknowledged writes found missing? */
    private static void ledger(Map<String, String> o) throws IOException {
        Properties failover = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(need(o, "failover")))) {
            failover.load(in);
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (String key : failover.getProperty("lost_keys", "").split(",")) {
            if (!key.isEmpty()) {
                missing.add(key);
            }
        }
        String body;
        try (Http http = new Http(need(o, "url"))) {
            body = http.call("GET", "/lost-writes", null).text();
        }
        java.util.Set<String> ledger = new java.util.TreeSet<>();
        var m = java.util.regex.Pattern.compile("\"key\":\"([^\"]*)\"").matcher(body);
        while (m.find()) {
            ledger.add(m.group(1));
        }
        java.util.Set<String> ackedInLedger = new java.util.TreeSet<>(ledger);
        ackedInLedger.retainAll(missing);
        java.util.Set<String> notInLedger = new java.util.TreeSet<>(missing);
        notInLedger.removeAll(ledger);
        failover.setProperty("ledger_entries", Integer.toString(ledger.size()));
        failover.setProperty("ledger_missing_acked", Integer.toString(notInLedger.size()));
        failover.setProperty("ledger_exact", Boolean.toString(notInLedger.isEmpty()));
        save(failover, need(o, "failover"));
        System.out.printf(Locale.ROOT, "ledger: the rejoined old writer rolled back %d writes; %d of the %d acknowledged writes missing on the new writer are in it%s%n",
                ledger.size(), ackedInLedger.size(), missing.size(), notInLedger.isEmpty() ? "" : " (NOT in it: " + notInLedger + ")");
    }

    private static int missingOn(String url, List<String> keys) throws IOException {
        return missingKeys(url, keys).size();
    }

    private static List<String> missingKeys(String url, List<String> keys) throws IOException {
        List<String> missing = new ArrayList<>();
        try (Http http = new Http(url)) {
            for (String key : keys) {
                if (http.call("GET", "/kv/" + key, null).status() != 200) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }

    // ==== report ===========================================================================

    private static void report(Map<String, String> o) throws IOException {
        Path dir = Path.of(need(o, "dir"));
        Map<String, Properties> r = new HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(f)) {
                    p.load(in);
                }
                r.put(f.getFileName().toString().replace(".properties", ""), p);
            }
        }
        StringBuilder out = new StringBuilder();
        String[] cols = {"writes_per_s", "write_p50_ms", "write_p99_ms", "lag_p50_ms", "lag_p99_ms", "lag_max_ms", "server_cpu_us_per_write"};
        out.append("\nEvery round (rounds alternate the systems):\n\n| Round trip | Round | System | Writes/s | Write p50 ms | Write p99 ms | Lag p50 ms | Lag p99 ms | Lag max ms | Server CPU µs/write | Lag samples |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> phases = List.of("local", "rtt40");
        Map<String, List<Properties>> runs = new LinkedHashMap<>();
        for (String phase : phases) {
            for (String system : List.of("pilotlight", "postgresql")) {
                List<Properties> list = new ArrayList<>();
                for (int round = 1; r.containsKey("load-" + system + "-" + phase + "-r" + round); round++) {
                    Properties p = r.get("load-" + system + "-" + phase + "-r" + round);
                    list.add(p);
                    out.append("| ").append(label(phase)).append(" | ").append(round).append(" | ").append(name(system));
                    for (String c : cols) {
                        out.append(" | ").append(p.getProperty(c));
                    }
                    out.append(" | ").append(p.getProperty("lag_samples")).append(" |\n");
                }
                runs.put(system + "-" + phase, list);
            }
        }
        out.append("\nMedian over the rounds:\n\n| Round trip | System | Writes/s | Write p50 ms | Write p99 ms | Lag p50 ms | Lag p99 ms | Lag max ms | Server CPU µs/write |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<String> ratios = new ArrayList<>();
        for (String phase : phases) {
            Map<String, Map<String, Double>> med = new HashMap<>();
            for (String system : List.of("pilotlight", "postgresql")) {
                List<Properties> list = runs.get(system + "-" + phase);
                if (list.isEmpty()) {
                    continue;
                }
                Map<String, Double> m = new HashMap<>();
                out.append("| ").append(label(phase)).append(" | ").append(name(system));
                for (String c : cols) {
                    double[] v = list.stream().mapToDouble(p -> Double.parseDouble(p.getProperty(c))).sorted().toArray();
                    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                    m.put(c, median);
                    out.append(" | ").append(c.equals("writes_per_s") || c.startsWith("server") ? fmt(median, 0) : fmt(median, 2));
                    if (v.length > 1 && (c.equals("writes_per_s") || c.equals("lag_p99_ms"))) {
                        out.append(" (").append(fmt(v[0], c.equals("writes_per_s") ? 0 : 1)).append("–")
                                .append(fmt(v[v.length - 1], c.equals("writes_per_s") ? 0 : 1)).append(")");
                    }
                }
                out.append(" |\n");
                med.put(system, m);
            }
            if (med.size() == 2) {
                Map<String, Double> pl = med.get("pilotlight");
                Map<String, Double> pg = med.get("postgresql");
                double tput = pl.get("writes_per_s") / pg.get("writes_per_s");
                double lag50 = pl.get("lag_p50_ms") / pg.get("lag_p50_ms");
                double lag = pl.get("lag_p99_ms") / pg.get("lag_p99_ms");
                ratios.add(String.format(Locale.ROOT, "| %s | %.2f %s | %.2f | %.2f %s |", label(phase), tput,
                        tput >= 1 ? "(target ≥ 1: met)" : "(target ≥ 1: MISSED)", lag50, lag, lag <= 1 ? "(target ≤ 1: met)" : "(target ≤ 1: MISSED)"));
            }
        }
        if (!ratios.isEmpty()) {
            out.append("\n| Ratio Pilotlight / PostgreSQL (medians) | Throughput | Lag p50 | Lag p99 |\n|---|---:|---:|---:|\n");
            ratios.forEach(line -> out.append(line).append('\n'));
        }
        Properties f = r.get("failover");
        Properties s = r.get("switchover");
        out.append("\n| Role change (Pilotlight, lease 2 s) | Measured | Target | Notes |\n|---|---:|---:|---|\n");
        if (f != null) {
            String ms = f.getProperty("failover_ms");
            boolean met = !ms.equals("none") && Double.parseDouble(ms) < 3000;
            out.append("| Failover: writer killed (SIGKILL) → first write acknowledged by the promoted replica | ").append(ms).append(" ms | < 3000 ms ")
                    .append(met ? "(met)" : "(MISSED)").append(" | acknowledged writes lost: ").append(f.getProperty("lost_acked_writes"))
                    .append(" (window ").append(f.getProperty("lost_window_ms")).append(" ms)")
                    .append(f.getProperty("ledger_entries") == null ? "" : "; the old writer's lost-writes ledger after it rejoined: "
                            + f.getProperty("ledger_entries") + " entries, " + (Boolean.parseBoolean(f.getProperty("ledger_exact"))
                            ? "every lost acknowledged write in it" : f.getProperty("ledger_missing_acked") + " lost acknowledged writes NOT in it"))
                    .append(" |\n");
        }
        if (s != null) {
            double gap = Double.parseDouble(s.getProperty("client_write_gap_ms"));
            out.append("| Switchover east → west: longest gap between acknowledged writes | ").append(s.getProperty("client_write_gap_ms"))
                    .append(" ms | ≤ 500 ms ").append(gap <= 500 ? "(met)" : "(MISSED)").append(" | server-reported pause ")
                    .append(s.getProperty("server_write_gap_ms")).append(" ms; acknowledged writes missing after: ")
                    .append(s.getProperty("missing_after")).append(" |\n");
        }
        out.append("| PostgreSQL 15 failover / switchover | n/a | | no built-in failover: needs an external manager (Patroni, repmgr) or a manual `pg_ctl promote` |\n");
        System.out.print(out);
        Files.writeString(dir.resolve("table.md"), out.toString());
    }

    // ==== helpers ==========================================================================

    private static String label(String phase) {
        return phase.equals("local") ? "loopback" : "40 ms (proxy)";
    }

    private static String name(String system) {
        return system.equals("pilotlight") ? "Pilotlight" : "PostgreSQL 15";
    }

    private static void save(Properties p, String file) throws IOException {
        try (var out = Files.newBufferedWriter(Path.of(file))) {
            p.store(out, null);
        }
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "-1" : fmt(nanos / 1e6, 2);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static long jsonLong(String json, String field) {
        int at = json.indexOf("\"" + field + "\":");
        if (at < 0) {
            return -1;
        }
        int i = at + field.length() + 3;
        int j = i;
        while (j < json.length() && (Character.isDigit(json.charAt(j)) || json.charAt(j) == '-')) {
            j++;
        }
        return j == i ? -1 : Long.parseLong(json.substring(i, j));
    }

    private static String jsonString(String json, String field) {
        int at = json.indexOf("\"" + field + "\":\"");
        if (at < 0) {
            return null;
        }
        int i = at + field.length() + 4;
        return json.substring(i, json.indexOf('"', i));
    }

    /** A minimal HTTP/1.1 keep-alive client over one blocking socket (fixed-length bodies), so the client costs little CPU. */
    static final class Http implements AutoCloseable {
        record Response(int status, byte[] body) {
            String text() {
                return new String(body, StandardCharsets.UTF_8);
            }
        }

        private final String host;
        private final int port;
        private final String hostHeader;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        int timeoutMillis = 5_000;

        Http(String url) {
            URI uri = URI.create(url);
            this.host = uri.getHost();
            this.port = uri.getPort();
            this.hostHeader = host + ":" + port;
        }

        Response call(String method, String path, byte[] body) throws IOException {
            return call(method, path, "", body);
        }

        /** {@code extraHeaders}: complete header lines, each ending in CRLF. */
        Response call(String method, String path, String extraHeaders, byte[] body) throws IOException {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(host, port), 1_000);
                    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                    out = socket.getOutputStream();
                }
                socket.setSoTimeout(timeoutMillis);
                byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n" + extraHeaders + "Content-Length: "
                        + (body == null ? 0 : body.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] request = head;
                if (body != null && body.length > 0) {
                    request = Arrays.copyOf(head, head.length + body.length);
                    System.arraycopy(body, 0, request, head.length, body.length);
                }
                out.write(request);
                out.flush();
                String status = line();
                int code = Integer.parseInt(status.substring(9, 12));
                int length = -1;
                boolean close = false;
                String h;
                while (!(h = line()).isEmpty()) {
                    int colon = h.indexOf(':');
                    String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        length = Integer.parseInt(value);
                    } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                        close = true;
                    } else if (name.equals("transfer-encoding")) {
                        throw new IOException("chunked responses are not supported by this client");
                    }
                }
                byte[] data = length <= 0 ? new byte[0] : in.readNBytes(length);
                if (data.length < Math.max(length, 0)) {
                    throw new EOFException("short body");
                }
                if (close) {
                    close();
                }
                return new Response(code, data);
            } catch (IOException | RuntimeException e) {
                close();
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r') {
                    buf.write(b);
                }
            }
            return buf.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            socket = null;
        }
    }
}
