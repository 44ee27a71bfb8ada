package io.pilotlight.dns.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.health.VantagePoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API through its client, on real sockets: paths, methods, status codes and error bodies. */
class AdminApiTest {
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

    private static DnsService start(Path dir) throws Exception {
        Path file = dir.resolve("zone.yaml");
        Files.writeString(file, ZONE);
        return DnsService.start(new DnsService.Options(file, new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                dir.resolve("state"), 1, List.of(VantagePoint.of("local")), Duration.ofMillis(100), Clock.systemUTC()));
    }

    @Test
    void servesHealthStatsRoutingAndReload(@TempDir Path dir) throws Exception {
        try (DnsService service = start(dir)) {
            AdminClient admin = new AdminClient("127.0.0.1:" + service.adminAddress().getPort());
            assertThat(admin.get("/health").status()).isEqualTo(200);
            assertThat(admin.get("/health/events").body().isArray()).isTrue();
            AdminClient.Reply stats = admin.get("/stats");
            assertThat(stats.ok()).isTrue();
            assertThat(stats.body().has("serial")).isTrue();
            assertThat(stats.body().path("zones").toString()).contains("example.org");
            AdminClient.Reply routing = admin.get("/routing");
            assertThat(routing.body().has("controls")).isTrue();
            assertThat(routing.body().has("safety_rules")).isTrue();
            AdminClient.Reply reload = admin.post("/reload", Map.of());
            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.body().path("applied").asBoolean()).isTrue();
        }
    }

    @Test
    void aWrongMethodOrBodyGetsItsStatusAndSaysWhatToDo(@TempDir Path dir) throws Exception {
        try (DnsService service = start(dir)) {
            AdminClient admin = new AdminClient("127.0.0.1:" + service.adminAddress().getPort());
            AdminClient.Reply postHealth = admin.post("/health", Map.of());
            assertThat(postHealth.status()).isEqualTo(405);
            assertThat(postHealth.body().path("error").asText()).isEqualTo("use GET");
            AdminClient.Reply getReload = admin.get("/reload");
            assertThat(getReload.status()).isEqualTo(405);
            assertThat(getReload.body().path("error").asText()).isEqualTo("use POST");
            AdminClient.Reply noState = admin.post("/routing", Map.of("control", "www/east"));
            assertThat(noState.status()).isEqualTo(400);
            assertThat(noState.body().path("error").asText()).isEqualTo("give control (NAME/SET_IDENTIFIER) and state (on or off)");
        }
    }

    @Test
    void noServerIsAnErrorThatSaysHowToStartOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AdminClient admin = new AdminClient("127.0.0.1:" + port);
        assertThatThrownBy(() -> admin.get("/health")).isInstanceOf(IOException.class)
                .hasMessageContaining("no Pilotlight DNS server answers at http://127.0.0.1:" + port)
                .hasMessageContaining("--admin 127.0.0.1:" + port);
    }
}
