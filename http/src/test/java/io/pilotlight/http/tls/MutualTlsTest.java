package io.pilotlight.http.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpUnreachableException;
import io.pilotlight.http.JsonHttp;
import io.pilotlight.http.auth.Access;
import io.pilotlight.http.auth.AccessPolicy;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.auth.RegionClaim;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.auth.TokenFile;
import io.pilotlight.http.auth.Tokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on a real socket: a certificate from the server's CA gets in and its common name is the
 * caller (an agent only for its own region); no certificate, or one from another CA, never reaches
 * HTTP; with client certificates optional, bearer tokens still work over TLS.
 */
class MutualTlsTest {
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .route("/status", Access.READ)
            .route("/promote", Access.ACT)
            .route("/log", Access.agent(RegionClaim.query("region")))
            .route("/acquire", Access.agent(RegionClaim.bodyField("region")))
            .build();
    @TempDir
    Path dir;
    private final JsonHttp client = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private TestCa ca;
    private TlsFiles server;

    @BeforeEach
    void ca() throws Exception {
        ca = TestCa.create(dir.resolve("ca"), "test");
        server = ca.issue("agent.east");
    }

    @AfterEach
    void plain() {
        ClientTls.use(null);
        ClientToken.use(null);
    }

    private HttpFront start(ServerAuth auth) throws Exception {
        HttpFront.Builder builder = HttpFront.builder();
        for (String path : new String[] {"/status", "/promote", "/log", "/acquire"}) {
            builder.route(path, HttpFront.Mode.BLOCKING, (call, reply) -> reply.send(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
        }
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        return auth.install(builder, "test", listen, POLICY).listen(listen);
    }

    private int status(String method, String url, Object body) throws Exception {
        return client.send(method, URI.create(url), body, Duration.ofSeconds(5)).status();
    }

    @Test
    void anAgentCertificateSpeaksOnlyForItsRegion() throws Exception {
        try (HttpFront front = start(ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.REQUIRED)))) {
            String base = "https://127.0.0.1:" + front.address().getPort();
            ClientTls.use(ca.issue("agent.west").load());
            assertThat(status("GET", base + "/status", null)).isEqualTo(200);
            assertThat(status("GET", base + "/log?region=west", null)).isEqualTo(200);
            assertThat(status("POST", base + "/acquire", Map.of("region", "west"))).isEqualTo(200);
            assertThat(client.send("GET", URI.create(base + "/log?region=east"), null, Duration.ofSeconds(5)).text())
                    .as("another region's stream").contains("certificate CN=agent.west is the agent of region west and may not speak for region east");
            assertThat(status("GET", base + "/log?region=east", null)).isEqualTo(403);
            assertThat(status("POST", base + "/acquire", Map.of("region", "east"))).isEqualTo(403);
            assertThat(status("POST", base + "/promote", null)).as("an agent acts: the controller leader is one").isEqualTo(200);
            ClientTls.use(ca.issue("operator.alice").load());
            assertThat(status("POST", base + "/promote", null)).isEqualTo(200);
            assertThat(status("GET", base + "/log?region=east", null)).as("operators are not agents").isEqualTo(403);
            ClientTls.use(ca.issue("someone").load());
            assertThat(status("GET", base + "/status", null)).as("a name outside the convention has no role").isEqualTo(401);
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedWhenOneIsRequired() throws Exception {
        try (HttpFront front = start(ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.REQUIRED)))) {
            String base = "https://127.0.0.1:" + front.address().getPort();
            ClientTls.use(ca.trustOnly().load());
            assertThatThrownBy(() -> status("GET", base + "/status", null)).isInstanceOf(HttpUnreachableException.class);
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        try (HttpFront front = start(ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.REQUIRED)))) {
            String base = "https://127.0.0.1:" + front.address().getPort();
            TlsFiles stranger = TestCa.create(dir.resolve("other"), "other").issue("agent.east");
            // trusts the right CA, so only the server's check of the client certificate can refuse it
            ClientTls.use(new TlsFiles(stranger.certificate(), stranger.privateKey(), ca.certificate()).load());
            assertThatThrownBy(() -> status("GET", base + "/log?region=east", null)).isInstanceOf(HttpUnreachableException.class);
            ClientTls.use(stranger.load());
            assertThatThrownBy(() -> status("GET", base + "/status", null)).as("nor does the client trust that server")
                    .isInstanceOf(HttpUnreachableException.class);
        }
    }

    @Test
    void bearerTokensStillWorkOverTls() throws Exception {
        Path file = dir.resolve("tokens.jsonl");
        String operator = TokenFile.add(file, "otto", Role.OPERATOR, null, new SecureRandom());
        ServerAuth auth = new ServerAuth(Tokens.load(file), false).withTls(ServerTls.of(server.load(), ClientAuthMode.OPTIONAL));
        try (HttpFront front = start(auth)) {
            String base = "https://127.0.0.1:" + front.address().getPort();
            ClientTls.use(ca.trustOnly().load());
            assertThat(status("POST", base + "/promote", null)).isEqualTo(401);
            ClientToken.use(operator);
            assertThat(status("POST", base + "/promote", null)).isEqualTo(200);
            ClientToken.use("plt_wrong");
            ClientTls.use(ca.issue("operator.alice").load());
            assertThat(status("POST", base + "/promote", null)).as("a wrong token is not saved by a certificate").isEqualTo(401);
            ClientToken.use(null);
            assertThat(status("POST", base + "/promote", null)).isEqualTo(200);
        }
    }

    @Test
    void aServerThatChecksClientCertificatesMayListenBeyondLoopback() {
        InetSocketAddress beyond = new InetSocketAddress("10.1.2.3", 7001);
        ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.REQUIRED)).install(HttpFront.builder(), "test", beyond, POLICY);
        assertThatThrownBy(() -> ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.NONE)).install(HttpFront.builder(), "test", beyond, POLICY))
                .isInstanceOf(io.pilotlight.http.auth.UnprotectedListenerException.class).hasMessageContaining("--tls-ca");
    }

    @Test
    void aPlainClientGetsNoAnswerFromATlsServer() throws Exception {
        try (HttpFront front = start(ServerAuth.NONE.withTls(ServerTls.of(server.load(), ClientAuthMode.NONE)))) {
            assertThatThrownBy(() -> status("GET", "http://127.0.0.1:" + front.address().getPort() + "/status", null))
                    .isInstanceOf(HttpUnreachableException.class);
            ClientTls.use(ca.trustOnly().load());
            assertThat(status("GET", "https://127.0.0.1:" + front.address().getPort() + "/status", null)).isEqualTo(200);
        }
    }
}
