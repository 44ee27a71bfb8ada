package io.pilotlight.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP control API on a real socket. */
class FaultControlServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EchoServer echo;
    private FaultyProxy proxy;
    private FaultControlServer control;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        proxy = FaultyProxy.builder(echo.address()).start();
        control = FaultControlServer.start(new InetSocketAddress("127.0.0.1", 0), proxy);
    }

    @AfterEach
    void stop() throws Exception {
        control.close();
        proxy.close();
        echo.close();
    }

    @Test
    void putFaultsSwitchesTheProxyAndGetReadsThemBack() throws Exception {
        HttpResponse<String> put = send("PUT", "/faults", "{\"upstream\": {\"latencyMs\": 20, \"jitterMs\": 5}, \"downstream\": {\"partition\": \"DROP\"}}");
        assertThat(put.statusCode()).isEqualTo(200);
        Faults expected = Faults.none().with(Direction.UPSTREAM, LinkFaults.NONE.withLatency(Duration.ofMillis(20), Duration.ofMillis(5)))
                .partitioned(Direction.DOWNSTREAM, Partition.DROP);
        assertThat(proxy.faults()).isEqualTo(expected);
        HttpResponse<String> get = send("GET", "/faults", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(FaultsJson.read(FaultsJson.MAPPER.readTree(get.body()))).isEqualTo(expected);
    }

    @Test
    void anInvalidBodyIsABadRequestThatSaysWhyAndChangesNothing() throws Exception {
        HttpResponse<String> put = send("PUT", "/faults", "{\"upstream\": {\"latencyMs\": -1}}");
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(FaultsJson.MAPPER.readTree(put.body()).get("error").asText())
                .isEqualTo("upstream.latency = -1 ms is out of range; allowed: 0 ms to 60000 ms");
        assertThat(send("PUT", "/faults", "{not json").statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/faults", "").statusCode()).isEqualTo(400);
        assertThat(proxy.faults()).isEqualTo(Faults.none());
    }

    @Test
    void statsAndResetAreServed() throws Exception {
        try (Client client = new Client(proxy.address())) {
            client.roundTrip(10);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    FaultsJson.MAPPER.readTree(send("GET", "/stats", null).body()).get("upstreamBytes").asLong() == 10);
            HttpResponse<String> reset = send("POST", "/reset", "");
            assertThat(FaultsJson.MAPPER.readTree(reset.body()).get("reset").asInt()).isEqualTo(1);
            assertThat(client.readUntilBroken()).containsIgnoringCase("reset");
        }
    }

    @Test
    void anUnknownRouteIsNotFoundAndListsTheRoutes() throws Exception {
        HttpResponse<String> response = send("DELETE", "/faults", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("PUT /faults");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
