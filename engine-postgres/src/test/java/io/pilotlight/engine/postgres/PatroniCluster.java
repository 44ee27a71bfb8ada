package io.pilotlight.engine.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Patroni 3 (Debian's /usr/bin/patroni, as the postgres user) with PostgreSQL 15 on loopback and a one-member etcd, at
 * Patroni's fastest documented settings (ttl 20, loop_wait 1, retry_timeout 3; the minimums of its dynamic-configuration
 * reference), asynchronous replication with slots, no watchdog. For bench/postgres/failover.sh only.
 */
final class PatroniCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Path dir;
    private final Map<String, Integer> pgPorts = new LinkedHashMap<>();
    private final Map<String, Integer> restPorts = new LinkedHashMap<>();
    private final Map<String, Process> patronis = new LinkedHashMap<>();
    private Process etcd;

    private PatroniCluster(Path dir) {
        this.dir = dir;
    }

    static PatroniCluster start(Path dir, int run) throws Exception {
        PatroniCluster p = new PatroniCluster(dir);
        try {
            p.startAll(run);
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private void startAll(int run) throws Exception {
        run("chown", "postgres:postgres", dir.toString());
        int client = freePort();
        int peer = freePort();
        etcd = new ProcessBuilder("/usr/bin/etcd", "--name", "e", "--data-dir", dir.resolve("etcd").toString(), "--listen-client-urls",
                "http://127.0.0.1:" + client, "--advertise-client-urls", "http://127.0.0.1:" + client, "--listen-peer-urls",
                "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer, "--initial-cluster",
                "e=http://127.0.0.1:" + peer, "--heartbeat-interval", "50", "--election-timeout", "500", "--log-level", "warn", "--logger", "zap")
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
        await("etcd", () -> get("http://127.0.0.1:" + client + "/health").contains("true"), Duration.ofSeconds(30));
        for (String host : List.of("a", "b")) {
            pgPorts.put(host, freePort());
            restPorts.put(host, freePort());
        }
        for (String host : List.of("a", "b")) {
            Path sockets = dir.resolve("sock-" + host);
            Files.createDirectories(sockets);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("scope", "bench-r" + run);
            config.put("namespace", "/service/");
            config.put("name", "pg-" + host);
            config.put("restapi", Map.of("listen", "127.0.0.1:" + restPorts.get(host), "connect_address", "127.0.0.1:" + restPorts.get(host)));
            config.put("etcd3", Map.of("hosts", "127.0.0.1:" + client));
            config.put("bootstrap", Map.of(
                    "dcs", Map.of("ttl", 20, "loop_wait", 1, "retry_timeout", 3, "maximum_lag_on_failover", 1048576,
                            "postgresql", Map.of("use_pg_rewind", true, "use_slots", true, "parameters", Map.of("wal_level", "replica",
                                    "hot_standby", "on", "wal_log_hints", "on", "max_wal_senders", 5, "max_replication_slots", 5))),
                    "initdb", List.of(Map.of("encoding", "UTF8"), "data-checksums", Map.of("auth", "trust"))));
            Map<String, Object> pg = new LinkedHashMap<>();
            pg.put("listen", "127.0.0.1:" + pgPorts.get(host));
            pg.put("connect_address", "127.0.0.1:" + pgPorts.get(host));
            pg.put("data_dir", dir.resolve("pg-" + host).toString());
            pg.put("bin_dir", PgBinaries.locate().bin().toString());
            pg.put("pgpass", dir.resolve("pgpass-" + host).toString());
            pg.put("authentication", Map.of("replication", Map.of("username", "replicator", "password", "rep"),
                    "superuser", Map.of("username", "postgres", "password", "pg"),
                    "rewind", Map.of("username", "postgres", "password", "pg")));
            pg.put("parameters", Map.of("unix_socket_directories", sockets.toString(), "shared_buffers", "16MB", "max_connections", 30));
            pg.put("pg_hba", List.of("local all all trust", "host all all 127.0.0.1/32 trust", "host replication replicator 127.0.0.1/32 trust"));
            config.put("postgresql", pg);
            config.put("watchdog", Map.of("mode", "off"));
            Path file = dir.resolve("patroni-" + host + ".yml");
            Files.writeString(file, JSON.writeValueAsString(config)); // JSON is YAML
            run("chown", "-R", "postgres:postgres", dir.toString());
            patronis.put(host, new ProcessBuilder("runuser", "-u", "postgres", "--", "/usr/bin/patroni", file.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("patroni-" + host + ".log").toFile()).start());
            if (host.equals("a")) {
                await("Patroni's primary pg-a", () -> role("a").matches("master|primary"), Duration.ofSeconds(120));
            }
        }
        awaitStreaming("a", "b", Duration.ofSeconds(180));
    }

    int pgPort(String host) {
        return pgPorts.get(host);
    }

    /** The host's role from its REST API ("" when it does not answer). */
    String role(String host) {
        try {
            return String.valueOf(JSON.readTree(get("http://127.0.0.1:" + restPorts.get(host) + "/patroni")).path("role").asText());
        } catch (Exception e) {
            return "";
        }
    }

    /** Waits until {@code primary}'s pg_stat_replication shows {@code standby} streaming. */
    void awaitStreaming(String primary, String standby, Duration within) throws Exception {
        await("pg-" + standby + " streaming from pg-" + primary, () -> {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPorts.get(primary) + "/postgres?user=postgres");
                 var s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from pg_stat_replication where application_name = 'pg-"
                    + standby + "' and state = 'streaming'")) {
                return r.next() && r.getInt(1) > 0;
            }
        }, within);
    }

    /** A switchover through Patroni's REST API (POST /switchover), returning when Patroni answers. */
    void switchover(String from, String to) throws Exception {
        String body = JSON.writeValueAsString(Map.of("leader", "pg-" + from, "candidate", "pg-" + to));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPorts.get(from) + "/switchover"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Patroni refused the switchover: " + r.statusCode() + " " + r.body());
        }
        await("pg-" + to + " the primary", () -> role(to).matches("master|primary"), Duration.ofSeconds(60));
    }

    /** The host's postmaster (from postmaster.pid). */
    long postmaster(String host) throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("pg-" + host).resolve("postmaster.pid")).get(0).trim());
    }

    /** SIGKILL to the host's Patroni and its PostgreSQL (the postmaster from postmaster.pid, and everything under both). */
    void kill(String host) throws IOException {
        List<Long> pids = new ArrayList<>();
        Path pidFile = dir.resolve("pg-" + host).resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            pids.add(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        }
        Process patroni = patronis.get(host);
        patroni.toHandle().descendants().forEach(h -> pids.add(h.pid()));
        pids.add(patroni.pid());
        for (long pid : pids) {
            PgFailoverBench.killTree(pid);
        }
    }

    @Override
    public void close() throws IOException {
        for (String host : patronis.keySet()) {
            kill(host);
        }
        if (etcd != null) {
            PgFailoverBench.killTree(etcd.pid());
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Check check, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waited " + within.toSeconds() + " s for " + what + (last == null ? "" : ": " + last.getMessage()));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
