package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pilotlight.http.HttpUnreachableException;
import io.pilotlight.http.JsonHttp;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.tls.ClientAuthMode;
import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.http.tls.ServerTls;
import io.pilotlight.http.tls.TestCa;
import io.pilotlight.http.tls.TlsFiles;
import io.pilotlight.store.coord.CoordinatorServer;
import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.NodeStatus;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication over mutual TLS with a CA the test makes itself (openssl): two real store nodes on
 * loopback, each serving its own agent certificate and requiring one from every client. Both nodes
 * run in this JVM, whose clients show the replica's certificate ({@code agent.west}): its log pulls
 * and durability reports are its own region's; the writer only reads the replica's status.
 */
class TlsReplicationTest {
    @TempDir
    Path dir;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private TestCa ca;
    private TlsFiles east;
    private TlsFiles west;

    @BeforeEach
    void certificates() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), "pilotlight-test");
        east = ca.issue("agent.east");
        west = ca.issue("agent.west");
        ClientTls.use(west.load());
    }

    @AfterEach
    void plain() {
        ClientTls.use(null);
    }

    private Map<String, ServerTls> mutualTls() {
        return Map.of("east", ServerTls.of(east.load(), ClientAuthMode.REQUIRED), "west", ServerTls.of(west.load(), ClientAuthMode.REQUIRED));
    }

    private int status(String method, String url, Object body) throws Exception {
        return http.send(method, URI.create(url), body, Duration.ofSeconds(5)).status();
    }

    @Test
    void writesReplicateOverMutualTlsAndTheWriterSeesTheReplicasLag() throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).serveTls(mutualTls()).startAll()) {
            assertThat(cluster.urls.get("east")).startsWith("https://");
            StoreClient client = cluster.client();
            for (int i = 0; i < 100; i++) {
                client.put("k" + (i % 20), "v" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "v99".equals(client.get("west", "k19").value()));
            assertThat(client.get("west", "k19").servedBy()).isEqualTo("REPLICA");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Map<String, NodeStatus.ReplicaLag> replicas = cluster.servers.get("east").node().status().replicas();
                return replicas.containsKey("west") && replicas.get("west").durableIndex() == 100 && replicas.get("west").lagEntries() == 0;
            });
            assertThat(cluster.servers.get("west").node().status().streaming()).isTrue();
        }
    }

    @Test
    void anAgentCertificateMayNotSpeakForAnotherRegion() throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).serveTls(mutualTls()).startAll();
             CoordinatorServer coordinator = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0), new InProcessCoordinator(Clock.systemUTC()),
                     ServerAuth.NONE.withTls(ServerTls.of(east.load(), ClientAuthMode.REQUIRED)))) {
            String writer = cluster.urls.get("east");
            assertThat(status("GET", writer + "/log-ack?region=east&epoch=1&durable=0", null)).as("acknowledging for east").isEqualTo(403);
            assertThat(status("GET", writer + "/log?region=east&from=1", null)).as("pulling east's stream").isEqualTo(403);
            assertThat(status("GET", writer + "/log-ack?region=west&epoch=1&durable=0", null)).as("its own region").isNotIn(401, 403);
            String lease = "https://127.0.0.1:" + coordinator.address().getPort();
            assertThat(status("POST", lease + "/acquire", Map.of("region", "east", "ttl_ms", 2000))).isEqualTo(403);
            assertThat(status("POST", lease + "/renew", Map.of("region", "east", "epoch", 1, "ttl_ms", 2000))).as("renewing for east").isEqualTo(403);
            assertThat(status("POST", lease + "/release", Map.of("region", "east", "epoch", 1))).isEqualTo(403);
            assertThat(status("POST", lease + "/acquire", Map.of("region", "west", "ttl_ms", 2000))).isEqualTo(200);
            assertThat(status("POST", writer + "/switchover?to=nowhere", null)).as("an agent acts (the controller leader is one)")
                    .isNotIn(401, 403);
        }
    }

    @Test
    void clientsWithoutACertificateOrFromAnotherCaAreRefused() throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).serveTls(mutualTls()).startAll()) {
            String writer = cluster.urls.get("east");
            ClientTls.use(ca.trustOnly().load());
            assertThatThrownBy(() -> status("PUT", writer + "/kv/a", "1")).isInstanceOf(HttpUnreachableException.class);
            TlsFiles stranger = TestCa.create(dir.resolve("other-ca"), "other").issue("agent.west");
            ClientTls.use(new TlsFiles(stranger.certificate(), stranger.privateKey(), ca.certificate()).load());
            assertThatThrownBy(() -> status("GET", writer + "/status", null)).isInstanceOf(HttpUnreachableException.class);
            ClientTls.use(null);
            assertThatThrownBy(() -> status("GET", writer.replace("https:", "http:") + "/status", null)).as("plain HTTP to a TLS port")
                    .isInstanceOf(HttpUnreachableException.class);
        }
    }
}
