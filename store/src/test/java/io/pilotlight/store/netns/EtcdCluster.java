package io.pilotlight.store.netns;

import io.pilotlight.store.coord.EtcdTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An etcd cluster with one member per chosen host of a {@link NetnsHosts} (Debian's etcd-server):
 * member {@code h} listens on {@code ADDRESS(h):2379} for clients and {@code :2380} for its peers,
 * named after its host, its data under {@code dataDir/h}, its log {@code etcd-h.log} in the hosts'
 * log folder. {@link #target(String)} is what {@code --coordinator etcd://...} takes.
 */
public final class EtcdCluster implements AutoCloseable {
    public static final int CLIENT_PORT = 2379;
    public static final int PEER_PORT = 2380;
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));

    private final NetnsHosts hosts;
    private final Path dataDir;
    private final Timing timing;
    private final Path binary;
    private final Map<String, Process> members = new LinkedHashMap<>();

    /**
     * etcd's raft timing. Its minimum lease TTL is {@code ceil(1.5 × election timeout)} in whole
     * seconds, so an election timeout up to 666 ms allows 1 s leases (etcd's default, 1,000 ms, 2 s).
     */
    public record Timing(int heartbeatMillis, int electionMillis) {
        /** Safe across veth links on a busy two-core machine (round trips well under 1 ms), and 1 s leases. */
        public static final Timing ACROSS_HOSTS = new Timing(50, 500);
        /** etcd's own defaults. */
        public static final Timing DEFAULT = new Timing(100, 1000);

        public Timing {
            if (heartbeatMillis < 1 || electionMillis < 5 * heartbeatMillis) {
                throw new IllegalArgumentException("etcd timing: heartbeat " + heartbeatMillis + " ms, election " + electionMillis
                        + " ms; allowed: heartbeat at least 1 ms and election at least 5 x heartbeat (etcd refuses less)");
            }
        }

        /** etcd's minimum lease TTL at this timing, in seconds. */
        public long minimumLeaseSeconds() {
            return (long) Math.ceil(1.5 * electionMillis / 1000.0);
        }
    }

    private EtcdCluster(NetnsHosts hosts, Path dataDir, Timing timing, Path binary) {
        this.hosts = hosts;
        this.dataDir = dataDir;
        this.timing = timing;
        this.binary = binary;
    }

    /** Starts one member on each of {@code memberHosts} and waits until every member answers healthy (30 s at most). */
    public static EtcdCluster start(NetnsHosts hosts, Path dataDir, Timing timing, String... memberHosts) {
        if (memberHosts.length == 0) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member host");
        }
        EtcdCluster cluster = new EtcdCluster(hosts, dataDir, timing, binary());
        try {
            for (String host : memberHosts) {
                hosts.address(host); // names an unknown host at once
                cluster.members.put(host, null);
            }
            for (String host : memberHosts) {
                cluster.launch(host);
            }
            cluster.awaitHealthy(Duration.ofSeconds(30));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Fails (never skips) when etcd is missing: CI installs it. */
    static Path binary() {
        return Stream.concat(CANDIDATES.stream(), Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "etcd")))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("etcd is not installed (no etcd in /usr/bin or on PATH)."
                        + " Install it with: DEBIAN_FRONTEND=noninteractive apt-get install -y etcd-server (CI's .ci/run does)"));
    }

    private void launch(String host) {
        String address = hosts.address(host);
        String client = "http://" + address + ":" + CLIENT_PORT;
        String peer = "http://" + address + ":" + PEER_PORT;
        String initialCluster = members.keySet().stream().map(m -> m + "=http://" + hosts.address(m) + ":" + PEER_PORT)
                .collect(Collectors.joining(","));
        try {
            Files.createDirectories(dataDir.resolve(host));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dataDir.resolve(host) + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--name", host, "--data-dir", dataDir.resolve(host).toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
                "--initial-cluster-token", hosts.namespace(host).replaceFirst("-.*", ""),
                "--heartbeat-interval", Integer.toString(timing.heartbeatMillis()),
                "--election-timeout", Integer.toString(timing.electionMillis()),
                "--logger", "zap", "--log-level", "warn"));
        members.put(host, hosts.exec(host, "etcd-" + host + ".log", Map.of(), command));
    }

    /** Member host names, in start order. */
    public List<String> members() {
        return List.copyOf(members.keySet());
    }

    /** {@code http://ADDRESS:2379} of one member. */
    public String clientUrl(String member) {
        requireMember(member);
        return "http://" + hosts.address(member) + ":" + CLIENT_PORT;
    }

    /** {@code ADDRESS:2379,ADDRESS:2379,...}, every member. */
    public String endpoints() {
        return members.keySet().stream().map(m -> hosts.address(m) + ":" + CLIENT_PORT).collect(Collectors.joining(","));
    }

    /** The store's etcd target over every member, e.g. {@code etcd://10.57.0.1:2379,.../pilotlight/orders}. */
    public EtcdTarget target(String prefix) {
        return EtcdTarget.parse("etcd://" + endpoints() + prefix);
    }

    /** Waits until every running member answers {@code /health} with true (the cluster has a leader), asked from its own host. */
    public void awaitHealthy(Duration timeout) {
        for (Map.Entry<String, Process> member : members.entrySet()) {
            if (member.getValue() == null || !member.getValue().isAlive()) {
                continue;
            }
            NetnsHosts.Result health = hosts.run(member.getKey(), timeout.plusSeconds(10),
                    NetnsProbe.command("await", clientUrl(member.getKey()) + "/health", "\"true\"", Long.toString(timeout.toMillis()))
                            .toArray(String[]::new));
            if (!health.ok()) {
                throw new IllegalStateException("etcd member " + member.getKey() + " is not healthy: " + health.output().strip()
                        + (member.getValue().isAlive() ? "" : " (it exited with " + member.getValue().exitValue() + ")")
                        + "; see " + hosts.logDir().resolve("etcd-" + member.getKey() + ".log"));
            }
        }
    }

    /** One member's own id and the leader id it knows (0: none), from {@code /v3/maintenance/status} asked from {@code from}. */
    private java.util.Optional<long[]> status(String from, String member) {
        NetnsHosts.Result status = hosts.run(from, Duration.ofSeconds(20),
                NetnsProbe.command("http", "POST", clientUrl(member) + "/v3/maintenance/status", "2000", "{}").toArray(String[]::new));
        if (!status.ok()) {
            return java.util.Optional.empty();
        }
        try {
            String body = status.output().substring(status.output().indexOf('{'));
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            return java.util.Optional.of(new long[] {Long.parseUnsignedLong(json.path("header").path("member_id").asText()),
                    Long.parseUnsignedLong(json.path("leader").asText("0"))});
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("etcd member " + member + " answered its status with " + status.output().strip(), e);
        }
    }

    /** The host whose member is etcd's leader now, asked from {@code from}; empty while there is none (an election under way). */
    public java.util.Optional<String> leader(String from) {
        Map<Long, String> ids = new LinkedHashMap<>();
        long leader = 0;
        for (String member : members.keySet()) {
            if (running(member)) {
                java.util.Optional<long[]> status = status(from, member);
                if (status.isPresent()) {
                    ids.put(status.get()[0], member);
                    leader = status.get()[1] != 0 ? status.get()[1] : leader;
                }
            }
        }
        return java.util.Optional.ofNullable(ids.get(leader));
    }

    /**
     * Makes the member on {@code to} etcd's leader (etcd's MoveLeader, asked of the current leader
     * from {@code from}) and waits until it is: so a test can put etcd's leader in the region it kills.
     */
    public void moveLeader(String from, String to) {
        requireMember(to);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            java.util.Optional<String> leader = leader(from);
            if (leader.isPresent() && leader.get().equals(to)) {
                return;
            }
            java.util.Optional<long[]> target = status(from, to);
            if (leader.isPresent() && target.isPresent()) {
                hosts.run(from, Duration.ofSeconds(20), NetnsProbe.command("http", "POST", clientUrl(leader.get())
                        + "/v3/maintenance/transfer-leadership", "5000", "{\"targetID\":\"" + Long.toUnsignedString(target.get()[0]) + "\"}")
                        .toArray(String[]::new));
            }
        }
        throw new IllegalStateException("etcd's leader did not move to " + to + " within 30 s; the leader is " + leader(from).orElse("none"));
    }

    /** SIGKILLs one member (only etcd: the host's other processes live on). */
    public void kill(String member) {
        Process process = requireMember(member);
        if (process != null) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing etcd member " + member, e);
            }
        }
    }

    /** Starts a killed member again on its data (it rejoins; etcd ignores the initial-cluster flags on existing data). */
    public void restart(String member) {
        Process process = requireMember(member);
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("etcd member " + member + " is running; kill it first");
        }
        launch(member);
    }

    /** Whether the member's process runs. */
    public boolean running(String member) {
        Process process = requireMember(member);
        return process != null && process.isAlive();
    }

    private Process requireMember(String member) {
        if (!members.containsKey(member)) {
            throw new IllegalArgumentException("no etcd member on host \"" + member + "\"; the members are " + members.keySet());
        }
        return members.get(member);
    }

    /** Kills every member; the hosts (and the data) stay. */
    @Override
    public void close() {
        for (String member : members.keySet()) {
            Process process = members.get(member);
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
