package io.pilotlight.dns.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.health.VantagePoint;
import io.pilotlight.http.auth.ServerAuth;
import io.pilotlight.http.tls.ClientAuthMode;
import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.http.tls.ServerTls;
import io.pilotlight.http.tls.TestCa;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS admin API over mutual TLS: an operator's certificate acts, an agent's only reads, no certificate gets no answer. */
class AdminTlsTest {
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
    void plain() {
        ClientTls.use(null);
    }

    @Test
    void theAdminApiSpeaksMutualTls(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("zone.yaml"), ZONE);
        TestCa ca = TestCa.create(dir.resolve("ca"), "pilotlight-test");
        ServerAuth auth = ServerAuth.NONE.withTls(ServerTls.of(ca.issue("dns.east").load(), ClientAuthMode.REQUIRED));
        try (DnsService service = DnsService.start(new DnsService.Options(file, new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0), dir.resolve("state"), 1, List.of(VantagePoint.of("local")), Duration.ofMillis(100),
                Clock.systemUTC()), auth)) {
            AdminClient admin = new AdminClient("https://127.0.0.1:" + service.adminAddress().getPort());
            ClientTls.use(ca.issue("operator.alice").load());
            assertThat(admin.post("/reload", Map.of()).status()).isEqualTo(200);
            ClientTls.use(ca.issue("agent.east").load());
            assertThat(admin.get("/routing").status()).isEqualTo(200);
            assertThat(admin.post("/reload", Map.of()).status()).as("an agent acts: the controller leader is one").isEqualTo(200);
            ClientTls.use(ca.issue("viewer.grafana").load());
            assertThat(admin.post("/reload", Map.of()).status()).isEqualTo(403);
            ClientTls.use(ca.trustOnly().load());
            assertThatThrownBy(() -> admin.get("/routing")).isInstanceOf(IOException.class);
        }
    }
}
