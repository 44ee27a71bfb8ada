package io.pilotlight.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.http.HttpFront;
import io.pilotlight.http.JsonHttp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one token check: 401 without a token, 403 for a role or a region the call does not allow, the route otherwise. */
class TokenFilterTest {
    @TempDir
    Path dir;
    private final JsonHttp client = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @AfterEach
    void noToken() {
        ClientToken.use(null);
    }

    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .route("/status", Access.READ)
            .route("/promote", Access.ACT)
            .route("/routing", Set.of("POST"), Access.ACT)
            .route("/routing", Access.READ)
            .route("/log", Access.agent(RegionClaim.query("region")))
            .route("/acquire", Access.agent(RegionClaim.bodyField("region")))
            .route("/kv", Access.DATA)
            .build();

    @Test
    void theMatrixOfRolesAndRegions() throws Exception {
        Path file = dir.resolve("tokens.jsonl");
        SecureRandom random = new SecureRandom();
        String viewer = TokenFile.add(file, "vera", Role.VIEWER, null, random);
        String operator = TokenFile.add(file, "otto", Role.OPERATOR, null, random);
        String east = TokenFile.add(file, "agent-east", Role.AGENT, "east", random);
        HttpFront.Builder builder = HttpFront.builder();
        for (String path : new String[] {"/status", "/promote", "/routing", "/log", "/acquire", "/kv"}) {
            builder.route(path, HttpFront.Mode.BLOCKING, (call, reply) -> reply.send(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
        }
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        new ServerAuth(Tokens.load(file), false).install(builder, "test", listen, POLICY);
        try (HttpFront front = builder.listen(listen)) {
            String base = "http://127.0.0.1:" + front.address().getPort();
            assertThat(status(null, "GET", base + "/status", null)).isEqualTo(401);
            assertThat(status("plt_wrong", "GET", base + "/status", null)).isEqualTo(401);
            assertThat(status(viewer, "GET", base + "/status", null)).isEqualTo(200);
            assertThat(status(viewer, "POST", base + "/promote", null)).isEqualTo(403);
            assertThat(status(operator, "POST", base + "/promote", null)).isEqualTo(200);
            assertThat(status(east, "POST", base + "/promote", null)).as("an agent acts: the controller leader is one").isEqualTo(200);
            assertThat(status(viewer, "GET", base + "/routing", null)).isEqualTo(200);
            assertThat(status(viewer, "POST", base + "/routing", null)).isEqualTo(403);
            assertThat(status(operator, "POST", base + "/routing", null)).isEqualTo(200);
            assertThat(status(operator, "GET", base + "/log?region=east", null)).as("agent-only").isEqualTo(403);
            assertThat(status(east, "GET", base + "/log?region=east", null)).isEqualTo(200);
            assertThat(status(east, "GET", base + "/log?region=west", null)).as("another region").isEqualTo(403);
            assertThat(status(east, "POST", base + "/acquire", Map.of("region", "east"))).isEqualTo(200);
            assertThat(status(east, "POST", base + "/acquire", Map.of("region", "west"))).isEqualTo(403);
            assertThat(status(null, "GET", base + "/kv/a", null)).as("data is open by default").isEqualTo(200);
            assertThat(status(null, "GET", base + "/nope", null)).as("unknown paths are gated").isEqualTo(401);
        }
        try (HttpFront front = new ServerAuth(Tokens.load(file), true).install(HttpFront.builder()
                .route("/kv", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", new byte[0])), "test", listen, POLICY).listen(listen)) {
            String base = "http://127.0.0.1:" + front.address().getPort();
            assertThat(status(null, "GET", base + "/kv/a", null)).isEqualTo(401);
            assertThat(status(viewer, "GET", base + "/kv/a", null)).isEqualTo(200);
        }
    }

    private int status(String token, String method, String url, Object body) throws Exception {
        ClientToken.use(token);
        return client.send(method, URI.create(url), body, Duration.ofSeconds(5)).status();
    }

    @Test
    void theFileKeepsHashesAndABadLineNamesFileLineAndField() throws Exception {
        Path file = dir.resolve("t.jsonl");
        String token = TokenFile.add(file, "otto", Role.OPERATOR, null, new SecureRandom());
        assertThat(token).startsWith("plt_").hasSizeGreaterThan(40);
        assertThat(Files.readString(file)).doesNotContain(token).contains("\"sha256\"");
        assertThat(Tokens.load(file).verify(token)).map(TokenEntry::name).contains("otto");
        assertThatThrownBy(() -> TokenFile.add(file, "otto", Role.VIEWER, null, new SecureRandom())).hasMessageContaining("already");
        assertThatThrownBy(() -> TokenFile.add(file, "a1", Role.AGENT, null, new SecureRandom())).hasMessageContaining("--region");
        Files.writeString(file, "{\"name\":\"x\",\"role\":\"admin\",\"salt\":\"00\",\"sha256\":\"00\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(TokenFileException.class)
                .hasMessageContaining(file + ":2: field \"role\"").hasMessageContaining("viewer, operator or agent");
    }

    @Test
    void aListenerBeyondLoopbackNeedsTokens() throws Exception {
        ServerAuth.requireProtected("store", new InetSocketAddress("127.0.0.1", 7001), false);
        ServerAuth.requireProtected("store", new InetSocketAddress("10.1.2.3", 7001), true);
        assertThatThrownBy(() -> ServerAuth.requireProtected("store", new InetSocketAddress("10.1.2.3", 7001), false))
                .isInstanceOf(UnprotectedListenerException.class).hasMessageContaining("--token-file").hasMessageContaining("PILOTLIGHT_TOKEN_FILE");
        assertThatThrownBy(() -> ServerAuth.requireProtected("store", new InetSocketAddress("0.0.0.0", 7001), false))
                .as("the wildcard reaches every interface").isInstanceOf(UnprotectedListenerException.class);
    }

    @Test
    void onlyABearerHeaderCarriesAToken() {
        assertThat(TokenFilter.bearer("Bearer abc")).contains("abc");
        assertThat(TokenFilter.bearer("bearer  abc ")).contains("abc");
        assertThat(TokenFilter.bearer("Basic abc")).isEmpty();
        assertThat(TokenFilter.bearer("Bearer ")).isEmpty();
        assertThat(TokenFilter.bearer(null)).isEmpty();
    }
}
