package io.pilotlight.health.bench;

import com.sun.net.httpserver.HttpServer;
import io.pilotlight.health.HealthMonitor;
import io.pilotlight.health.ProbeListener;
import io.pilotlight.health.ProbeRecord;
import io.pilotlight.topology.HealthCheck;
import io.pilotlight.topology.HealthCheckType;
import io.pilotlight.topology.InitialState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many health checks per second the checker sustains against local HTTP endpoints without
 * drifting. Starts N endpoints on 127.0.0.1, then for growing M runs a monitor with M HTTP checks
 * at a short interval and measures, over a window: completed checks per second, probe latency,
 * and schedule drift (actual start minus planned start). Stops after the first M where the drift
 * p99 exceeds a tenth of the interval or fewer than 95% of the planned checks complete.
 * Not a test: run it with {@code bench/health/run.sh}.
 */
public final class HealthThroughputBench {
    private HealthThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "8"));
        Duration interval = Duration.ofMillis(Long.parseLong(options.getOrDefault("interval-ms", "1000")));
        Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("window-s", "10")));
        int[] steps = Arrays.stream(options.getOrDefault("checks", "250,500,1000,2000,4000,8000,12000,16000").split(","))
                .mapToInt(Integer::parseInt).toArray();

        List<HttpServer> servers = startEndpoints(endpoints);
        int[] ports = servers.stream().mapToInt(s -> s.getAddress().getPort()).toArray();
        System.out.printf(Locale.ROOT, "# %d endpoints on 127.0.0.1, HTTP checks every %d ms (timeout %d ms), %d s window, %d cores, Java %s%n",
                endpoints, interval.toMillis(), interval.toMillis() / 2, window.toSeconds(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        measure(Math.min(500, steps[0]), ports, interval, Duration.ofSeconds(3)); // warm-up, not reported
        System.out.println(Row.HEADER);
        for (int checks : steps) {
            Row row = measure(checks, ports, interval, window);
            System.out.println(row);
            if (row.degraded(interval)) {
                System.out.println("# drift or throughput degraded at " + checks + " checks; stopping");
                break;
            }
        }
        servers.forEach(s -> s.stop(0));
        System.exit(0);
    }

    private static Row measure(int checks, int[] ports, Duration interval, Duration window) throws InterruptedException {
        Map<String, HealthCheck> all = new LinkedHashMap<>();
        for (int i = 0; i < checks; i++) {
            all.put("check-" + i, check(ports[i % ports.length], interval));
        }
        Samples samples = new Samples();
        try (HealthMonitor monitor = HealthMonitor.builder().checks(all).probeListener(samples).build()) {
            monitor.start();
            Thread.sleep(interval.toMillis() * 2); // every schedule has started and settled
            samples.open();
            Thread.sleep(window.toMillis());
            samples.close();
        }
        return samples.row(checks, interval, window);
    }

    private static HealthCheck check(int port, Duration interval) {
        return new HealthCheck(HealthCheckType.HTTP, null, "127.0.0.1", port, "/healthz", null, interval, 3,
                interval.dividedBy(2), true, false, false, InitialState.HEALTHY, 0.18, List.of(), null);
    }

    private static List<HttpServer> startEndpoints(int count) throws IOException {
        List<HttpServer> servers = new ArrayList<>();
        byte[] body = "ok".getBytes();
        for (int i = 0; i < count; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
        }
        return servers;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg
                        + "; names: endpoints, interval-ms, window-s, checks (e.g. --checks=250,500,1000)");
            }
            options.put(kv[0], kv[1]);
        }
        return options;
    }

    /** Probe records that complete while the window is open. */
    static final class Samples implements ProbeListener {
        private final List<long[]> records = new ArrayList<>();
        private final AtomicLong skipped = new AtomicLong();
        private volatile boolean recording;

        void open() {
            recording = true;
        }

        void close() {
            recording = false;
        }

        @Override
        public void probed(ProbeRecord probe) {
            if (recording) {
                long[] record = {probe.result().latency().toNanos(), probe.startDelay().toNanos(), probe.result().healthy() ? 1 : 0};
                synchronized (records) {
                    records.add(record);
                }
            }
        }

        @Override
        public void skipped(String check, String vantage, String reason) {
            if (recording) {
                skipped.incrementAndGet();
            }
        }

        Row row(int checks, Duration interval, Duration window) {
            synchronized (records) {
                long[] latency = records.stream().mapToLong(r -> r[0]).sorted().toArray();
                long[] drift = records.stream().mapToLong(r -> r[1]).sorted().toArray();
                long ok = records.stream().filter(r -> r[2] == 1).count();
                double planned = checks * 1000.0 / interval.toMillis();
                double achieved = records.size() / (double) window.toSeconds();
                return new Row(checks, planned, achieved, records.isEmpty() ? 0 : 100.0 * ok / records.size(),
                        pct(latency, 50), pct(latency, 99), pct(drift, 50), pct(drift, 99),
                        drift.length == 0 ? 0 : drift[drift.length - 1] / 1e6, skipped.get());
            }
        }

        private static double pct(long[] sorted, int percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    /** One line of the table. */
    record Row(int checks, double planned, double achieved, double okPercent, double latencyP50, double latencyP99,
               double driftP50, double driftP99, double driftMax, long skipped) {
        static final String HEADER = "| checks | planned/s | achieved/s | ok % | latency p50 ms | latency p99 ms | drift p50 ms | drift p99 ms | drift max ms | skipped |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

        boolean degraded(Duration interval) {
            return driftP99 > interval.toMillis() / 10.0 || achieved < 0.95 * planned;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f | %d |",
                    checks, planned, achieved, okPercent, latencyP50, latencyP99, driftP50, driftP99, driftMax, skipped);
        }
    }
}
