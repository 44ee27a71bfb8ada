package io.pilotlight.dns.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.health.VantagePoint;
import io.pilotlight.http.auth.ClientToken;
import io.pilotlight.http.auth.Role;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.auth.TokenFile;
import io.pilotlight.http.auth.Tokens;
import io.pilotlight.http.auth.UnprotectedListenerException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS admin API's routing controls and reload need an operator; reading needs any token. */
class AdminTokensTest {
    private static final String ZONE = """
            name: admin
            objectives: {rto: 1m, rpo: 1m}
            regions: {east: {role: primary}}
            dns:
              zones:
                example.org:
                  record_sets:
                    - {name: www, type: A, ttl: 5, records: [192.0.2.1]}
            """;

    @AfterEach
    void noToken() {
        ClientToken.use(null);
    }

    private static DnsService.Options options(Path dir, InetSocketAddress admin) throws Exception {
        Path file = dir.resolve("zone.yaml");
        Files.writeString(file, ZONE);
        return new DnsService.Options(file, new InetSocketAddress("127.0.0.1", 0), admin,
                dir.resolve("state"), 1, List.of(VantagePoint.of("local")), Duration.ofMillis(100), Clock.systemUTC());
    }

    @Test
    void routingControlsNeedAnOperator(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.jsonl");
        String viewer = TokenFile.add(tokens, "vera", Role.VIEWER, null, new SecureRandom());
        String operator = TokenFile.add(tokens, "otto", Role.OPERATOR, null, new SecureRandom());
        String agent = TokenFile.add(tokens, "agent-east", Role.AGENT, "east", new SecureRandom());
        try (DnsService service = DnsService.start(options(dir, new InetSocketAddress("127.0.0.1", 0)),
                new ServerAuth(Tokens.load(tokens), false))) {
            AdminClient admin = new AdminClient("127.0.0.1:" + service.adminAddress().getPort());
            Map<String, String> off = Map.of("control", "www/none", "state", "off");
            ClientToken.use(null);
            assertThat(admin.get("/routing").status()).isEqualTo(401);
            assertThat(admin.post("/routing", off).status()).isEqualTo(401);
            ClientToken.use(viewer);
            assertThat(admin.get("/routing").status()).isEqualTo(200);
            assertThat(admin.get("/health").status()).isEqualTo(200);
            assertThat(admin.post("/routing", off).status()).isEqualTo(403);
            assertThat(admin.post("/reload", Map.of()).status()).isEqualTo(403);
            ClientToken.use(agent);
            assertThat(admin.post("/routing", off).status()).as("an agent acts: the controller leader is one").isNotIn(401, 403);
            ClientToken.use(operator);
            assertThat(admin.post("/routing", off).status()).as("past the token check: the control itself is unknown").isNotIn(401, 403);
            assertThat(admin.post("/reload", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void anAdminApiBeyondLoopbackWithoutTokensDoesNotStart(@TempDir Path dir) {
        assertThatThrownBy(() -> DnsService.start(options(dir, new InetSocketAddress("0.0.0.0", 0))))
                .isInstanceOf(UnprotectedListenerException.class).hasMessageContaining("--token-file");
    }
}
