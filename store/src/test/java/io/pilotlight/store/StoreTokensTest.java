package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.http.HttpAnswer;
import io.pilotlight.http.JsonHttp;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.auth.TokenFile;
import io.pilotlight.http.auth.Tokens;
import io.pilotlight.store.coord.CoordinatorServer;
import io.pilotlight.store.coord.InProcessCoordinator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may call the store node's control endpoints and the coordinator's lease calls, on real sockets:
 * no token 401, a viewer 403 on an act, an operator through, an agent only for its own region;
 * a backup only under the node's backup root.
 */
class StoreTokensTest {
    @TempDir
    Path dir;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(10));
    private String viewer;
    private String operator;
    private String east;
    private ServerAuth auth;

    @BeforeEach
    void tokens() throws Exception {
        Path file = dir.resolve("tokens.jsonl");
        SecureRandom random = new SecureRandom();
        viewer = TokenFile.add(file, "vera", Role.VIEWER, null, random);
        operator = TokenFile.add(file, "otto", Role.OPERATOR, null, random);
        east = TokenFile.add(file, "agent-east", Role.AGENT, "east", random);
        auth = new ServerAuth(Tokens.load(file), false);
    }

    @AfterEach
    void noToken() {
        ClientToken.use(null);
    }

    private int call(String token, String method, String url) throws Exception {
        return answer(token, method, url, null).status();
    }

    private HttpAnswer answer(String token, String method, String url, Object body) throws Exception {
        ClientToken.use(token);
        try {
            return http.send(method, URI.create(url), body, Duration.ofSeconds(10));
        } finally {
            ClientToken.use(east); // the node's own replication and probes speak as its agent
        }
    }

    @Test
    void theStoreNodesControlEndpointsNeedTheRightRoleAndBackupsStayUnderTheRoot() throws Exception {
        ClientToken.use(east);
        Path root = Files.createDirectories(dir.resolve("backups"));
        try (Cluster cluster = new Cluster(dir, List.of("east"))) {
            cluster.auth = auth;
            cluster.backupRoot = root;
            cluster.startAll();
            String base = cluster.urls.get("east");
            assertThat(call(null, "GET", base + "/status")).isEqualTo(401);
            assertThat(call("plt_not-a-token", "GET", base + "/status")).isEqualTo(401);
            assertThat(call(viewer, "GET", base + "/status")).isEqualTo(200);
            for (String act : new String[] {"/promote", "/switchover?to=west", "/peers?region=east&url=http://127.0.0.1:1", "/backup?dir=x"}) {
                assertThat(call(null, "POST", base + act)).as("anonymous " + act).isEqualTo(401);
                assertThat(call(viewer, "POST", base + act)).as("viewer " + act).isEqualTo(403);
            }
            assertThat(call(viewer, "GET", base + "/peers")).isEqualTo(200);
            assertThat(call(operator, "POST", base + "/promote")).isEqualTo(200);
            assertThat(call(east, "POST", base + "/promote")).as("an agent acts too: the controller leader is one").isEqualTo(200);
            HttpAnswer inside = answer(operator, "POST", base + "/backup?dir=nightly", null);
            assertThat(inside.status()).isEqualTo(200);
            assertThat(inside.text()).contains(root.resolve("nightly").toString());
            HttpAnswer outside = answer(operator, "POST", base + "/backup?dir=" + dir.resolve("elsewhere"), null);
            assertThat(outside.status()).isEqualTo(400);
            assertThat(outside.text()).contains("outside the backup root").contains(root.toRealPath().toString());
            assertThat(call(operator, "POST", base + "/backup?dir=../escape")).isEqualTo(400);
            assertThat(call(operator, "GET", base + "/log-ack?region=east&epoch=1&durable=0")).as("agent-only").isEqualTo(403);
            assertThat(call(east, "GET", base + "/log-ack?region=west&epoch=1&durable=0")).as("another region").isEqualTo(403);
            assertThat(call(east, "GET", base + "/log-ack?region=east&epoch=1&durable=0")).isNotIn(401, 403);
            assertThat(call(east, "GET", base + "/log?region=west&from=1")).as("another region's stream").isEqualTo(403);
            assertThat(call(null, "PUT", base + "/kv/a")).as("data stays open by default").isEqualTo(200);
        }
    }

    @Test
    void dataNeedsATokenWhenTheNodeSaysSo() throws Exception {
        ClientToken.use(east);
        try (Cluster cluster = new Cluster(dir, List.of("east"))) {
            cluster.auth = new ServerAuth(auth.tokens(), true);
            cluster.startAll();
            String base = cluster.urls.get("east");
            assertThat(call(null, "PUT", base + "/kv/a")).isEqualTo(401);
            assertThat(call(viewer, "GET", base + "/kv/a")).isEqualTo(404);
        }
    }

    @Test
    void leaseCallsAreForAgentsOfTheirOwnRegion() throws Exception {
        try (CoordinatorServer server = new CoordinatorServer(new InetSocketAddress("127.0.0.1", 0),
                new InProcessCoordinator(Clock.systemUTC()), auth)) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            Map<String, Object> west = Map.of("region", "west", "ttl_ms", 2000);
            Map<String, Object> eastBody = Map.of("region", "east", "ttl_ms", 2000);
            assertThat(answer(null, "POST", base + "/acquire", west).status()).isEqualTo(401);
            assertThat(answer(viewer, "POST", base + "/acquire", west).status()).isEqualTo(403);
            assertThat(answer(operator, "POST", base + "/acquire", west).status()).as("leases are for agents").isEqualTo(403);
            assertThat(answer(east, "POST", base + "/acquire", west).status()).as("another region").isEqualTo(403);
            assertThat(answer(east, "POST", base + "/release", Map.of("region", "west", "epoch", 1)).status()).isEqualTo(403);
            assertThat(answer(east, "POST", base + "/renew", Map.of("region", "west", "epoch", 1, "ttl_ms", 2000)).status()).isEqualTo(403);
            assertThat(answer(east, "POST", base + "/acquire", eastBody).status()).isNotIn(401, 403);
            assertThat(answer(viewer, "GET", base + "/current", null).status()).isEqualTo(200);
        }
    }
}
