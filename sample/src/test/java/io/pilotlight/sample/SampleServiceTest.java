package io.pilotlight.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.InProcessCoordinator;
import io.pilotlight.store.node.NodeConfig;
import io.pilotlight.store.node.StoreServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleServiceTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void writesThroughTheWriterAndReadsFromItsOwnRegion(@TempDir Path dir) throws Exception {
        int eastPort = freePort();
        int westPort = freePort();
        Map<String, String> nodes = Map.of("east", "http://127.0.0.1:" + eastPort, "west", "http://127.0.0.1:" + westPort);
        InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC());
        try (StoreServer east = StoreServer.start(config("east", eastPort, dir, nodes, coordinator));
             StoreServer west = StoreServer.start(config("west", westPort, dir, nodes, coordinator));
             SampleService inWest = new SampleService(new InetSocketAddress("127.0.0.1", 0), "west", nodes)) {
            String base = "http://127.0.0.1:" + inWest.address().getPort();
            // deep health: healthy once west's replica has heard from the writer
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(send("GET", base + "/healthz", null).body()).isEqualTo("ok region=west\n"));
            HttpResponse<String> put = send("PUT", base + "/items/42", "{\"total\": 12}");
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).contains("\"version\":1");
            await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", base + "/items/42", null).statusCode() == 200);
            assertThat(send("GET", base + "/items/42", null).body()).isEqualTo("{\"total\": 12}");
            assertThat(send("GET", base + "/items/nope", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void severalInstancesShareOneAddress() throws Exception {
        try (SampleService first = new SampleService(new InetSocketAddress("127.0.0.1", 0), "east", Map.of());
             SampleService second = new SampleService(first.address(), "east", Map.of())) {
            String url = "http://127.0.0.1:" + first.address().getPort() + "/healthz";
            assertThat(send("GET", url, null).statusCode()).isEqualTo(200);
            first.close();
            assertThat(send("GET", url, null).statusCode()).as("the other instance still answers").isEqualTo(200);
        }
    }

    /** Regression guard for the hand parser's replacement: garbage is refused on its connection only, and answers stay text. */
    @Test
    void aMalformedRequestIsRefusedAndTheInstanceKeepsServing() throws Exception {
        try (SampleService service = new SampleService(new InetSocketAddress("127.0.0.1", 0), "east", Map.of())) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.address().getPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("\u0001\u0002 nonsense\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
                assertThat(status).startsWith("HTTP/1.1 400");
            }
            HttpResponse<String> health = send("GET", "http://127.0.0.1:" + service.address().getPort() + "/healthz?deep=1", null);
            assertThat(health.body()).isEqualTo("ok region=east\n");
            assertThat(health.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
            HttpResponse<String> missing = send("GET", "http://127.0.0.1:" + service.address().getPort() + "/nope", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("not found: /nope\n");
        }
    }

    private static NodeConfig config(String region, int port, Path dir, Map<String, String> nodes, InProcessCoordinator coordinator) {
        return new NodeConfig(region, dir.resolve(region), new InetSocketAddress("127.0.0.1", port), nodes, coordinator,
                Duration.ofSeconds(1), ReplicationMode.ASYNC, null, Duration.ofSeconds(2), false, "east", Clock.systemUTC());
    }
}
