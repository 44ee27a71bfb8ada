package io.pilotlight.store.coord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A single-member etcd (Debian's etcd-server) on free loopback ports, its data in a directory the
 * test owns; ready when it answers {@code /health} on its client port. Stopping kills it (SIGKILL,
 * as a crash would); starting again reuses the data directory and the ports. {@link #startTls}
 * starts one that speaks only TLS to clients and requires their certificates ({@code --client-cert-auth}).
 */
public final class EtcdProcess implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));
    private final Path binary;
    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    /** The member's certificate, key and the CA its clients' certificates must chain to; null: plain HTTP. */
    private final io.pilotlight.http.tls.TlsFiles tls;
    private Process process;

    private EtcdProcess(Path binary, Path dir, io.pilotlight.http.tls.TlsFiles tls) throws IOException {
        this.binary = binary;
        this.dir = dir;
        this.tls = tls;
        this.clientPort = freePort();
        this.peerPort = freePort();
    }

    /** Starts etcd in {@code dir}; fails (never skips) when the binary is missing: CI installs it. */
    public static EtcdProcess start(Path dir) throws Exception {
        return start(dir, null);
    }

    /**
     * Starts etcd serving clients over TLS only, with {@code member}'s certificate and key, and
     * requiring client certificates from {@code member}'s CA (e.g. {@code TestCa.issue("etcd")}).
     */
    public static EtcdProcess startTls(Path dir, io.pilotlight.http.tls.TlsFiles member) throws Exception {
        return start(dir, member);
    }

    private static EtcdProcess start(Path dir, io.pilotlight.http.tls.TlsFiles tls) throws Exception {
        Path binary = Stream.concat(CANDIDATES.stream(), Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "etcd")))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("etcd is not installed (no etcd in /usr/bin or on PATH): the etcd coordinator's"
                        + " tests need it. Install it with: DEBIAN_FRONTEND=noninteractive apt-get install -y etcd-server (CI's .ci/run does)"));
        EtcdProcess etcd = new EtcdProcess(binary, dir, tls);
        etcd.start();
        return etcd;
    }

    public synchronized void start() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        String client = (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "--name", "test", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "test=" + peer,
                // a short election timeout lowers etcd's minimum lease TTL to 1 s (it is 2 s by default)
                "--heartbeat-interval", "10", "--election-timeout", "100", "--logger", "zap", "--log-level", "warn"));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.certificate().toString(), "--key-file", tls.privateKey().toString(),
                    "--trusted-ca-file", tls.trustedCa().toString(), "--client-cert-auth"));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile())).start();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200));
        if (tls != null) {
            builder.sslContext(tls.load().clientContext()); // the member's own certificate is also a client one (TestCa's are)
        }
        HttpClient http = builder.build();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + dir.resolve("etcd.log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(client + "/health")).timeout(Duration.ofMillis(500))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("etcd did not answer /health on " + client + " within 20 s; see " + dir.resolve("etcd.log"));
    }

    /** Kills etcd as a crash would; {@link #start()} brings it back on the same data and ports. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /** {@code etcd://127.0.0.1:PORT/prefix} for the coordinator ({@code etcds://} when it speaks TLS). */
    public EtcdTarget target(String prefix) {
        return EtcdTarget.parse((tls == null ? "etcd" : "etcds") + "://127.0.0.1:" + clientPort + prefix);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
