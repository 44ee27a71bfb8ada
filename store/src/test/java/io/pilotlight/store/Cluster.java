package io.pilotlight.store;

import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.StoreServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Store nodes on loopback, one per region, with real HTTP between them and one shared coordinator. */
final class Cluster implements AutoCloseable {
    final InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
    final Map<String, String> urls = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, FlakyCoordinator> links = new LinkedHashMap<>();
    final Map<String, StoreServer> servers = new LinkedHashMap<>();
    /** Per node, how it reaches the others (e.g. through a fault-injecting proxy); the shared map when absent. */
    final Map<String, Map<String, String>> views = new LinkedHashMap<>();
    private final Path dir;
    private final String initialWriter;
    ReplicationMode mode = ReplicationMode.ASYNC;
    Duration lagBound;
    Duration lease = Duration.ofMillis(1000);
    boolean autoFailover;
    io.pilotlight.http.auth.ServerAuth auth = io.pilotlight.http.auth.ServerAuth.NONE;
    Path backupRoot;
    /** Per region, the TLS its node serves (see {@link #serveTls}); plain HTTP when absent. */
    private final Map<String, io.pilotlight.http.tls.ServerTls> tls = new LinkedHashMap<>();

    Cluster(Path dir, List<String> regions) throws Exception {
        this(dir, regions, null);
    }

    /** With {@code own}, each node reaches the coordinator through its own client (an etcd one, say) instead of the shared in-process one. */
    Cluster(Path dir, List<String> regions, java.util.function.Function<String, io.pilotlight.store.coord.Coordinator> own) throws Exception {
        this.dir = dir;
        this.initialWriter = regions.get(0);
        for (String region : regions) {
            int port = portOutsideTheEphemeralRange();
            ports.put(region, port);
            urls.put(region, "http://127.0.0.1:" + port);
            links.put(region, new FlakyCoordinator(own == null ? coordinator : own.apply(region)));
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): a port taken with bind(0) and closed
     * again can be handed to the next bind(0) (a fault proxy of the same test, say) before the node
     * that was meant to have it starts, which failed one compound schedule in a hundred.
     */
    private static int portOutsideTheEphemeralRange() throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new java.io.IOException("no free port between 20000 and 32000 on loopback after 100 tries");
    }

    /** Every node serves TLS with its region's own certificate, and the nodes reach each other at https:// URLs. */
    Cluster serveTls(Map<String, io.pilotlight.http.tls.ServerTls> byRegion) {
        tls.putAll(byRegion);
        byRegion.keySet().forEach(region -> urls.put(region, "https://127.0.0.1:" + ports.get(region)));
        return this;
    }

    Cluster startAll() throws Exception {
        for (String region : urls.keySet()) {
            start(region);
        }
        return this;
    }

    StoreServer start(String region) throws Exception {
        NodeConfig config = new NodeConfig(region, dir.resolve(region), new InetSocketAddress("127.0.0.1", ports.get(region)),
                views.getOrDefault(region, urls),
                links.get(region), lease, mode, lagBound, Duration.ofSeconds(2), autoFailover, initialWriter, Clock.systemUTC());
        StoreServer server = StoreServer.start(config, tls.containsKey(region) ? auth.withTls(tls.get(region)) : auth, backupRoot);
        servers.put(region, server);
        return server;
    }

    void stop(String region) {
        StoreServer server = servers.remove(region);
        if (server != null) {
            server.close();
        }
    }

    StoreClient client() {
        return new StoreClient(urls, initialWriter);
    }

    @Override
    public void close() {
        servers.values().forEach(StoreServer::close);
        servers.clear();
    }
}
