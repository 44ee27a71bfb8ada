package io.pilotlight.store;

import io.pilotlight.faults.Faults;
import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.faults.Partition;
import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.Role;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Cluster} with a fault-injecting proxy on every directed path between nodes (node A
 * reaches node B only through proxy A->B) and one coordinator behind every node's cuttable link,
 * which a test can restart. Clients and operators reach the nodes directly.
 */
final class CompoundCluster implements AutoCloseable {
    static final List<String> REGIONS = List.of("east", "west", "central");
    final Cluster cluster;
    /** The coordinator now (a restart replaces it by a new one on the same state file). */
    volatile InProcessCoordinator coordinator;
    /** Proxy "from->to". */
    final Map<String, FaultyProxy> proxies = new LinkedHashMap<>();
    final Set<String> partitioned = new LinkedHashSet<>();
    private final Path coordinatorState;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Set once an operator forced a promotion with accept_data_loss=true: sync mode may then lose writes (in the ledger). */
    volatile boolean dataLossAccepted;

    CompoundCluster(Path dir, ReplicationMode mode, long seed) throws Exception {
        cluster = new Cluster(dir, REGIONS);
        cluster.mode = mode;
        cluster.autoFailover = true;
        cluster.lease = Duration.ofMillis(1000);
        coordinatorState = dir.resolve("coordinator.state");
        coordinator = new InProcessCoordinator(Clock.systemUTC(), coordinatorState);
        for (String region : REGIONS) {
            cluster.links.put(region, new FlakyCoordinator(coordinator));
        }
        for (String from : REGIONS) {
            Map<String, String> view = new LinkedHashMap<>();
            for (String to : REGIONS) {
                if (to.equals(from)) {
                    view.put(to, cluster.urls.get(to));
                    continue;
                }
                FaultyProxy proxy = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", cluster.ports.get(to)))
                        .listen(new InetSocketAddress("127.0.0.1", 0)).seed(seed).start();
                proxies.put(from + "->" + to, proxy);
                view.put(to, "http://127.0.0.1:" + proxy.address().getPort());
            }
            cluster.views.put(from, view);
        }
    }

    CompoundCluster startAll() throws Exception {
        cluster.startAll();
        return this;
    }

    String writer() {
        return cluster.servers.entrySet().stream().filter(e -> e.getValue().node().role() == Role.WRITER)
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    boolean up(String region) {
        return cluster.servers.containsKey(region);
    }

    /** Cuts a node off from everyone: every proxy into and out of it drops, open connections are reset, and its coordinator link is cut. */
    void partition(String region) {
        partitioned.add(region);
        proxies.forEach((path, proxy) -> {
            if (path.startsWith(region + "->") || path.endsWith("->" + region)) {
                proxy.faults(Faults.none().partitioned(Partition.DROP));
                proxy.resetAll();
            }
        });
        cluster.links.get(region).cutOff(true);
    }

    void heal(String region) {
        partitioned.remove(region);
        proxies.forEach((path, proxy) -> {
            if ((path.startsWith(region + "->") || path.endsWith("->" + region))
                    && partitioned.stream().noneMatch(other -> path.startsWith(other + "->") || path.endsWith("->" + other))) {
                proxy.faults(Faults.none());
            }
        });
        cluster.links.get(region).cutOff(false);
    }

    void healAll() {
        for (String region : List.copyOf(partitioned)) {
            heal(region);
        }
        proxies.values().forEach(proxy -> proxy.faults(Faults.none()));
        cluster.links.values().forEach(link -> link.cutOff(false));
    }

    /** Stops a node as a crash would (its data stays on disk). */
    void kill(String region) {
        cluster.stop(region);
    }

    void restart(String region) throws Exception {
        if (!up(region)) {
            cluster.start(region);
        }
    }

    /** After a schedule: heal every path and link, then restart every node (all down at once, all up again) on its data. */
    void recover() throws Exception {
        healAll();
        for (String region : REGIONS) {
            kill(region);
        }
        for (String region : REGIONS) {
            restart(region);
        }
    }

    /**
     * Restarts the coordinator: a new one from the same state file, behind every node's link
     * ({@code real}), or a blackout of every node's link for {@code blackout}.
     */
    String restartCoordinator(Duration blackout, boolean real) throws InterruptedException {
        if (real) {
            cluster.links.values().forEach(link -> link.cutOff(true));
            Thread.sleep(blackout.toMillis());
            coordinator = new InProcessCoordinator(Clock.systemUTC(), coordinatorState);
            cluster.links.forEach((region, link) -> {
                link.reconnect(coordinator);
                link.cutOff(partitioned.contains(region));
            });
            return "coordinator restarted from its state file after " + blackout.toMillis() + "ms down";
        }
        cluster.links.values().forEach(link -> link.cutOff(true));
        Thread.sleep(blackout.toMillis());
        cluster.links.forEach((region, link) -> link.cutOff(partitioned.contains(region)));
        return "coordinator unreachable for " + blackout.toMillis() + "ms";
    }

    /** The operator's failover: {@code POST /promote?wait_ms=N[&accept_data_loss=true]} on a node, as the CLI sends it. */
    HttpResponse<String> promote(String region, long waitMillis, boolean acceptDataLoss) throws Exception {
        String url = cluster.urls.get(region) + "/promote?wait_ms=" + waitMillis + (acceptDataLoss ? "&accept_data_loss=true" : "");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(waitMillis + 10_000))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (acceptDataLoss && response.statusCode() == 200) {
            dataLossAccepted = true;
        }
        return response;
    }

    HttpResponse<String> get(String region, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.urls.get(region) + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    StoreClient client() {
        return new StoreClient(cluster.urls, "east");
    }

    String describeNodes() {
        StringBuilder out = new StringBuilder();
        for (String region : REGIONS) {
            var server = cluster.servers.get(region);
            out.append("\n  ").append(region).append(": ");
            if (server == null) {
                out.append("down");
                continue;
            }
            var status = server.node().status();
            out.append(status.role()).append(" epoch ").append(status.epoch()).append(" last ").append(status.lastIndex())
                    .append(" epochs [").append(server.node().epochs()).append("] ledger ").append(status.lostWrites())
                    .append(partitioned.contains(region) ? " PARTITIONED" : "")
                    .append(status.lastError() == null ? "" : " (" + status.lastError() + ")");
        }
        var lease = coordinator.current();
        return out.append("\n  coordinator: ").append(lease.holder()).append(" epoch ").append(lease.epoch()).append(lease.live() ? " live" : " lapsed")
                .toString();
    }

    @Override
    public void close() {
        cluster.close();
        proxies.values().forEach(FaultyProxy::close);
    }
}
