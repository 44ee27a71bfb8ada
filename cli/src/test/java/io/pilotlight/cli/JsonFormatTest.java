package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.pilotlight.dns.service.DnsService;
import io.pilotlight.health.VantagePoint;
import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.StoreClient;
import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.LostWrite;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.StoreServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command with {@code --format json} prints exactly one JSON document on stdout and nothing
 * else, with snake_case field names, also where it re-prints a component's own JSON (a store
 * node's /status and /lost-writes, the DNS server's /health, whose records are camelCase on the wire).
 */
class JsonFormatTest {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Path LAB_EXAMPLE = CliProcess.REPO_ROOT.resolve("examples/pilot-light-lab.yaml");

    /** Parses stdout as exactly one JSON document (trailing text fails) and checks that no field name has an upper-case letter. */
    static JsonNode oneSnakeCaseDocument(CliProcess.Result result) throws Exception {
        assertThat(result.out()).as("stdout of a --format json command (stderr: " + result.err() + ")").isNotBlank();
        JsonNode document = STRICT.readTree(result.out());
        List<String> camel = new ArrayList<>();
        collectCamelCase(document, "", camel);
        assertThat(camel).as("field names in camelCase in " + result.out()).isEmpty();
        return document;
    }

    private static void collectCamelCase(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().equals(field.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    found.add(path + "/" + field.getKey());
                }
                collectCamelCase(field.getValue(), path + "/" + field.getKey(), found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectCamelCase(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    @Test
    void validatePlanAndDrillHistoryPrintOneDocument(@TempDir Path dir) throws Exception {
        assertThat(oneSnakeCaseDocument(InProcessCli.run("validate", LAB_EXAMPLE.toString(), "--format", "json")).get("valid").asBoolean())
                .isTrue();
        Path history = dir.resolve("history.jsonl");
        Files.writeString(history, "{\"at\":\"2026-12-05T07:00:00Z\",\"topology\":\"shop-api-lab\",\"drill\":null,\"scenario\":\"region-outage\","
                + "\"target\":\"us-east-1\",\"verdict\":\"interrupted\",\"rto_seconds\":null,\"lost_writes\":null,"
                + "\"data_loss_window_seconds\":null,\"report\":null,\"reason\":\"interrupted (Ctrl-C or SIGTERM) before the fault was injected\"}\n");
        oneSnakeCaseDocument(InProcessCli.run("plan", LAB_EXAMPLE.toString(), "--format", "json", "--history", history.toString()));
        JsonNode drills = oneSnakeCaseDocument(InProcessCli.run("drill", "history", "--format", "json", "--history", history.toString()));
        assertThat(drills.get(0).get("verdict").asText()).isEqualTo("interrupted");
        assertThat(drills.get(0).get("reason").asText()).contains("before the fault");
    }

    @Test
    void aCommandWithoutMarkdownRefusesItInsteadOfPrintingText() {
        for (String[] command : List.of(new String[] {"store", "status", "--peer", "east=http://127.0.0.1:9"},
                new String[] {"store", "lost-writes", "--peer", "east=http://127.0.0.1:9"}, new String[] {"dns", "health"},
                new String[] {"validate", LAB_EXAMPLE.toString()}, new String[] {"drill", "run", LAB_EXAMPLE.toString()})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--format", "markdown"));
            CliProcess.Result result = InProcessCli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).contains("--format markdown is not available here; text or json");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void storeStatusPrintsTheNodesStatusWithSnakeCaseFields(@TempDir Path dir) throws Exception {
        int port = StoreProcesses.freePort();
        String url = "http://127.0.0.1:" + port;
        NodeConfig config = new NodeConfig("east", dir.resolve("east"), new InetSocketAddress("127.0.0.1", port), Map.of("east", url),
                new InProcessCoordinator(Clock.systemUTC()), Duration.ofSeconds(2), ReplicationMode.ASYNC, null, Duration.ofSeconds(3),
                false, "east", Clock.systemUTC());
        try (StoreServer server = StoreServer.start(config)) {
            StoreClient client = new StoreClient(Map.of("east", url), "east");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.put("k", "v").version() > 0);
            JsonNode status = oneSnakeCaseDocument(InProcessCli.run("store", "status", "--peer", "east=" + url, "--format", "json"));
            assertThat(status.get("east").get("role").asText()).isEqualTo("WRITER");
            assertThat(status.get("east").has("last_contact_millis")).isTrue();
            assertThat(status.get("east").has("lease_valid")).isTrue();
            assertThat(status.get("content").has("not_comparable")).isTrue();
        }
    }

    @Test
    void storeLostWritesPrintsTheLedgerWithSnakeCaseFields() throws Exception {
        // a node's ledger as the store serves it (its records through Jackson: ackTime, rolledBackAt, newEpoch)
        String ledger = new ObjectMapper().writeValueAsString(List.of(new LostWrite("item/1", "v", 12, 1, 1_764_918_000_000L, 1_764_918_005_000L, 2)));
        assertThat(ledger).contains("ackTime");
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/lost-writes", exchange -> {
            byte[] body = ledger.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            JsonNode lost = oneSnakeCaseDocument(InProcessCli.run("store", "lost-writes", "--peer",
                    "east=http://127.0.0.1:" + stub.getAddress().getPort(), "--format", "json"));
            assertThat(lost.get("east").get(0).get("ack_time").asLong()).isEqualTo(1_764_918_000_000L);
            assertThat(lost.get("east").get(0).get("rolled_back_at").asLong()).isEqualTo(1_764_918_005_000L);
            assertThat(lost.get("east").get(0).get("new_epoch").asLong()).isEqualTo(2);
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void dnsHealthPrintsChecksAndEventsWithSnakeCaseFields(@TempDir Path dir) throws Exception {
        try (DnsService dns = DnsService.start(new DnsService.Options(LAB_EXAMPLE, new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0), dir, 1, List.of(VantagePoint.of("local")), null, Clock.systemUTC()))) {
            String admin = "127.0.0.1:" + dns.adminAddress().getPort();
            // the lab's checks probe addresses where nothing listens: wait for their first results and events
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                JsonNode last = STRICT.readTree(InProcessCli.run("dns", "health", "--admin", admin, "--format", "json").out())
                        .get(0).get("vantages").get(0).get("last_result");
                return last != null && !last.isNull();
            });
            JsonNode checks = oneSnakeCaseDocument(InProcessCli.run("dns", "health", "--admin", admin, "--format", "json"));
            assertThat(checks.get(0).get("vantages").get(0).has("last_result")).isTrue();
            assertThat(checks.get(0).get("vantages").get(0).has("consecutive_failures")).isTrue();
            oneSnakeCaseDocument(InProcessCli.run("dns", "health", "--admin", admin, "--events", "--format", "json"));
        }
    }
}
