package io.pilotlight.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.engine.DataStoreEngine;
import io.pilotlight.engine.postgres.ManagedPostgres;
import io.pilotlight.engine.postgres.PostgresEngineFactory;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.DataStoreKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample service on PostgreSQL, as a user's service would run: writes through a pgJDBC multi-host URL with
 * targetServerType=primary follow the writer across a switchover with no change to the service; reads and health come
 * from the region's own server; the engine reads the items back (what a drill does).
 */
class SampleOnPostgresTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void writesFollowThePrimaryAcrossASwitchoverAndReadsComeFromTheRegion() throws Exception {
        Path base = Files.createTempDirectory("pilotlight-sample-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, Integer> ports = ManagedPostgres.freePorts(List.of("east", "west"));
        DataStore spec = new DataStore(DataStoreKind.GLOBAL_DATABASE, "postgres", List.of("east", "west"), "east", null, null, null, null,
                Duration.ofSeconds(2), null);
        try (ManagedPostgres servers = ManagedPostgres.start(base, "east", ports);
             DataStoreEngine engine = new PostgresEngineFactory().open("orders", spec, servers.endpoints(), null);
             SampleService inWest = SampleService.onPostgres(new InetSocketAddress("127.0.0.1", 0), "west",
                     JdbcItems.primaryUrl(List.of("127.0.0.1:" + ports.get("east"), "127.0.0.1:" + ports.get("west"))),
                     JdbcItems.serverUrl("127.0.0.1:" + ports.get("west")), null)) {
            String url = "http://127.0.0.1:" + inWest.address().getPort();
            assertThat(send("GET", url + "/healthz", null).body()).as("a standby that answers is a healthy region").isEqualTo("ok region=west\n");

            HttpResponse<String> first = send("PUT", url + "/items/1", "one");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"server\":\"127.0.0.1:" + ports.get("east") + "\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", url + "/items/1", null).body().equals("one"));

            engine.switchover("west", Duration.ofSeconds(30));
            HttpResponse<String> second = send("PUT", url + "/items/2", "two");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(second.body()).as("the pooled connection to the old primary was dropped; the URL found the new one")
                    .contains("\"server\":\"127.0.0.1:" + ports.get("west") + "\"");
            assertThat(send("GET", url + "/items/2", null).body()).isEqualTo("two");
            assertThat(engine.readBack(List.of("item/1", "item/2"))).containsEntry("item/1", "one").containsEntry("item/2", "two");
            assertThat(send("GET", url + "/items/3", null).statusCode()).isEqualTo(404);
        } finally {
            try (var walk = Files.walk(base)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
