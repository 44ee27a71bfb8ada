package io.pilotlight.store.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Several "hosts" on one machine: one network namespace per host, each joined by a veth pair to a
 * bridge that lives in a hub namespace of its own (the root namespace is never touched), each host
 * with its own address on one private /24 ({@code 10.X.0.1}, {@code 10.X.0.2}, ... in the order the
 * hosts were named; X random) and its loopback up. Every name carries a random run id
 * ({@code plt<id>-<host>}), so parallel runs never collide. Needs root and {@code ip} (CI runs as root).
 *
 * <pre>{@code
 * try (NetnsHosts hosts = NetnsHosts.create(logDir, "a", "b", "c")) {
 *     Process server = hosts.exec("a", "server.log", "my-server", "--listen", hosts.address("a") + ":7001");
 *     hosts.partition("a");   // a's link down, both directions
 *     hosts.heal("a");
 *     hosts.kill("a");        // SIGKILL every process in a: the region dies
 *     int port = hosts.forward("c", hosts.address("b"), 7001).port();  // 127.0.0.1:port reaches b:7001 from c
 * }
 * }</pre>
 */
public final class NetnsHosts implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HOSTS = 200;

    private final Ip ip;
    private final String runId;
    private final String hub;
    private final int subnet;
    private final Path logDir;
    private final Map<String, Integer> indexes = new LinkedHashMap<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Map<Process, String> hostOf = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<NetnsForward> forwards = new CopyOnWriteArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::closeQuietly, "netns-cleanup");
    private boolean closed;

    private NetnsHosts(Ip ip, Path logDir) {
        this.ip = ip;
        this.runId = HexFormat.of().toHexDigits((byte) RANDOM.nextInt(256)) + HexFormat.of().toHexDigits((byte) RANDOM.nextInt(256))
                + Integer.toString(RANDOM.nextInt(36), 36);
        this.hub = "plt" + runId + "-hub";
        this.subnet = 16 + RANDOM.nextInt(224);
        this.logDir = logDir;
    }

    /**
     * Makes one host per name (names: lower-case letters and digits, at most 8 characters, so that
     * {@code plt<id>-<name>} stays a short namespace name); logs of {@link #exec} go under {@code logDir}.
     * On any failure everything made so far is removed.
     */
    public static NetnsHosts create(Path logDir, String... names) {
        if (names.length < 1 || names.length > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts: " + names.length + " names; allowed: 1 to " + MAX_HOSTS);
        }
        NetnsHosts hosts = new NetnsHosts(Ip.require(), logDir);
        try {
            Files.createDirectories(logDir);
            Runtime.getRuntime().addShutdownHook(hosts.cleanupOnExit);
            hosts.build(names);
            return hosts;
        } catch (IOException | RuntimeException e) {
            hosts.closeQuietly();
            throw e instanceof IOException io ? new IllegalStateException("cannot create " + logDir + ": " + io, io) : (RuntimeException) e;
        }
    }

    private void build(String... names) {
        addNamespace(hub);
        ip.run("-n", hub, "link", "set", "lo", "up");
        ip.run("-n", hub, "link", "add", "br0", "type", "bridge");
        ip.run("-n", hub, "link", "set", "br0", "up");
        for (String name : names) {
            if (!name.matches("[a-z0-9]{1,8}")) {
                throw new IllegalArgumentException("host name \"" + name + "\": allowed are 1 to 8 lower-case letters or digits");
            }
            if (indexes.putIfAbsent(name, indexes.size() + 1) != null) {
                throw new IllegalArgumentException("host name \"" + name + "\" is given twice");
            }
            String ns = namespace(name);
            String veth = hubLink(name);
            addNamespace(ns);
            ip.run("-n", ns, "link", "set", "lo", "up");
            ip.run("-n", hub, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
            ip.run("-n", hub, "link", "set", veth, "master", "br0");
            ip.run("-n", hub, "link", "set", veth, "up");
            ip.run("-n", ns, "addr", "add", address(name) + "/24", "dev", "eth0");
            ip.run("-n", ns, "link", "set", "eth0", "up");
        }
    }

    private void addNamespace(String ns) {
        ip.run("netns", "add", ns);
        created.add(ns);
    }

    /** The host names, in the order given (the order of their addresses). */
    public List<String> hosts() {
        return List.copyOf(indexes.keySet());
    }

    /** The host's address on the private subnet, e.g. {@code 10.57.0.2}. */
    public String address(String host) {
        return "10." + subnet + ".0." + index(host);
    }

    /** The host's network namespace, for {@code ip netns exec} by hand. */
    public String namespace(String host) {
        index(host);
        return "plt" + runId + "-" + host;
    }

    /** Where {@link #exec} writes logs. */
    public Path logDir() {
        return logDir;
    }

    private String hubLink(String host) {
        return "v" + index(host);
    }

    private int index(String host) {
        Integer index = indexes.get(host);
        if (index == null) {
            throw new IllegalArgumentException("no host \"" + host + "\"; the hosts are " + indexes.keySet());
        }
        return index;
    }

    /** Starts {@code command} inside {@code host}; its output (stdout and stderr) is appended to {@code logDir/logName}. */
    public Process exec(String host, String logName, String... command) {
        return exec(host, logName, Map.of(), List.of(command));
    }

    /** As {@link #exec(String, String, String...)}, with extra environment variables. */
    public Process exec(String host, String logName, Map<String, String> env, List<String> command) {
        List<String> full = new ArrayList<>(List.of(ip.binary().toString(), "netns", "exec", namespace(host)));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(logName).toFile()));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            processes.add(process);
            hostOf.put(process, host);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + " in host " + host + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code command} inside {@code host} to completion (at most {@code timeout}); its exit code and output. */
    public Result run(String host, Duration timeout, String... command) {
        List<String> full = new ArrayList<>(List.of(ip.binary().toString(), "netns", "exec", namespace(host)));
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            processes.add(process);
            try {
                java.util.concurrent.CompletableFuture<String> output = new java.util.concurrent.CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        output.complete("(output unreadable: " + e.getMessage() + ")");
                    }
                });
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, output.join() + "\n(killed after " + timeout + ")");
                }
                return new Result(process.exitValue(), output.join());
            } finally {
                processes.remove(process);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + List.of(command) + " in host " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + List.of(command) + " in host " + host, e);
        }
    }

    /** What {@link #run} gives back. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * A port on this JVM's loopback that reaches {@code address:port} as seen from inside {@code host}
     * (the test's JVM itself cannot reach the hosts): through a relay process in {@code host}, so it
     * dies with the host and is cut by the host's partition when it goes through the host's link. Ask
     * through the host whose view the test wants: its own address for an operator on that machine, a
     * witness host for a client elsewhere. Closed with the hosts.
     */
    public NetnsForward forward(String host, String address, int port) {
        Path socket = logDir.resolve("fwd-" + runId + "-" + forwards.size() + ".sock");
        if (socket.toString().length() > 100) {
            socket = Path.of(System.getProperty("java.io.tmpdir"), "plt" + runId + "-fwd-" + forwards.size() + ".sock");
        }
        NetnsForward forward = new NetnsForward(this, host, address, port, socket);
        forwards.add(forward);
        return forward;
    }

    /** The PIDs of every process inside {@code host} now. */
    public List<Long> pids(String host) {
        return ip.run("netns", "pids", namespace(host)).lines().map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
    }

    /** SIGKILLs every process inside {@code host}, as a region dying, and returns once none is left (and every {@link Process} it started there reports so). */
    public void kill(String host) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Long> pids = pids(host);
            if (pids.isEmpty()) {
                awaitExits(host);
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("processes " + pids + " in host " + host + " survived SIGKILL for 10 s");
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing host " + host, e);
            }
        }
    }

    /** Waits until every process {@link #exec} started in {@code host} reports its exit (Java reaps them on a thread of its own). */
    private void awaitExits(String host) {
        for (Map.Entry<Process, String> started : hostOf.entrySet()) {
            if (started.getValue().equals(host)) {
                try {
                    if (!started.getKey().waitFor(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("process " + started.getKey().pid() + " of host " + host + " did not exit after SIGKILL");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while killing host " + host, e);
                }
                hostOf.remove(started.getKey());
            }
        }
    }

    /** Cuts the host's link (its port on the bridge goes down): nothing gets in or out until {@link #heal}. */
    public void partition(String host) {
        ip.run("-n", hub, "link", "set", hubLink(host), "down");
    }

    /** Restores the host's link. */
    public void heal(String host) {
        ip.run("-n", hub, "link", "set", hubLink(host), "up");
    }

    /** Kills every process in every host, then removes the namespaces (and with them the veth pairs and the bridge). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<String> failures = new ArrayList<>();
        for (NetnsForward forward : forwards) {
            forward.close();
        }
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (String host : indexes.keySet()) {
            if (created.contains(namespace(host))) {
                try {
                    kill(host);
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        for (String ns : created.reversed()) {
            try {
                ip.run("netns", "del", ns);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        created.clear();
        if (Thread.currentThread() != cleanupOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cleaning up hosts " + indexes.keySet() + " failed: " + String.join("; ", failures));
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("netns: " + e.getMessage());
        }
    }
}
