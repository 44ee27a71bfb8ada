package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.StoreClient;
import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.Role;
import io.pilotlight.store.node.StoreServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, case 2 through the CLI: in sync mode `store failover --to west` is refused while a node
 * that may hold acknowledged writes west lacks is silent or further ahead; with --accept-data-loss
 * it goes ahead, names the writes the other node will lose, and those land in that node's ledger.
 */
class StoreFailoverSyncTest {
    private static final List<String> REGIONS = List.of("east", "west", "central");
    private final InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, StoreServer> servers = new LinkedHashMap<>();

    @Test
    void syncFailoverIsRefusedUnlessTheOperatorAcceptsTheNamedLoss(@TempDir Path dir) throws Exception {
        for (String region : REGIONS) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                urls.put(region, "http://127.0.0.1:" + socket.getLocalPort());
            }
        }
        try {
            REGIONS.forEach(region -> start(dir, region));
            StoreClient client = new StoreClient(urls, "east");
            for (int i = 0; i < 30; i++) {
                client.put("before-" + i, "v");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> servers.get("west").node().status().lastIndex() == 30);
            stop("west"); // west misses what central confirms next
            for (int i = 0; i < 10; i++) {
                client.put("only-central-" + i, "v");
            }
            stop("east");
            stop("central");
            start(dir, "west");
            Thread.sleep(1_200); // east's lease lapses

            CliProcess.Result silent = CliProcess.run(args("store", "failover", "--to", "west", "--wait", "1s"));
            assertThat(silent.exitCode()).as(silent.out() + silent.err()).isEqualTo(1);
            assertThat(silent.err()).contains("central did not answer").contains("--accept-data-loss");
            assertThat(servers.get("west").node().role()).isEqualTo(Role.REPLICA);

            start(dir, "central"); // back, further ahead than west, but without auto-failover
            CliProcess.Result ahead = CliProcess.run(args("store", "failover", "--to", "west", "--wait", "1s"));
            assertThat(ahead.exitCode()).as(ahead.out() + ahead.err()).isEqualTo(1);
            assertThat(ahead.err()).contains("central holds writes this node lacks");

            CliProcess.Result forced = CliProcess.run(args("store", "failover", "--to", "west", "--wait", "1s", "--accept-data-loss"));
            assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();
            assertThat(forced.err()).contains("loses the 10 entries central").contains("only-central-0@31").contains("only-central-9@40");
            assertThat(forced.out()).contains("west is the writer").contains("DATA LOSS ACCEPTED");
            await().atMost(Duration.ofSeconds(10)).until(() -> servers.get("central").node().lostWrites().size() == 10);
            assertThat(servers.get("central").node().lostWrites()).allMatch(lost -> lost.key().startsWith("only-central-"));
        } finally {
            servers.values().forEach(StoreServer::close);
        }
    }

    private void start(Path dir, String region) {
        int port = Integer.parseInt(urls.get(region).substring(urls.get(region).lastIndexOf(':') + 1));
        NodeConfig config = new NodeConfig(region, dir.resolve(region), new InetSocketAddress("127.0.0.1", port), urls, coordinator,
                Duration.ofMillis(1000), ReplicationMode.SYNC, null, Duration.ofSeconds(2), false, "east", Clock.systemUTC());
        try {
            servers.put(region, StoreServer.start(config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void stop(String region) {
        servers.remove(region).close();
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        urls.forEach((region, url) -> all.addAll(List.of("--peer", region + "=" + url)));
        return all.toArray(String[]::new);
    }
}
