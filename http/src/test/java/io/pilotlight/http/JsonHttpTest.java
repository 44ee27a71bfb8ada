package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared server and the client helper together, on real sockets: JSON both ways, and each kind of failure typed. */
class JsonHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CountDownLatch released = new CountDownLatch(1);
    private final JsonHttp client = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private HttpFront front;

    @BeforeEach
    void start() throws Exception {
        front = HttpFront.builder().name("json-test")
                .route("/echo", HttpFront.Mode.BLOCKING, (call, reply) -> {
                    JsonNode body = call.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(call.body());
                    reply.send(200, "application/json", JSON.writeValueAsBytes(Map.of("method", call.method(), "got", body)));
                })
                .route("/refuse", HttpFront.Mode.INLINE, (call, reply) ->
                        reply.send(409, "application/json", "{\"error\":\"the writer is east\"}".getBytes(StandardCharsets.UTF_8)))
                .route("/slow", HttpFront.Mode.BLOCKING, (call, reply) -> {
                    released.await(10, TimeUnit.SECONDS);
                    reply.send(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                })
                .listen(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        released.countDown();
        front.close();
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + front.address().getPort() + path);
    }

    @Test
    void getsAndPostsJson() throws Exception {
        assertThat(client.get(at("/echo")).requireOk().path("method").asText()).isEqualTo("GET");
        HttpAnswer posted = client.post(at("/echo"), Map.of("control", "www/east", "state", "off"));
        assertThat(posted.ok()).isTrue();
        assertThat(posted.json().path("got").path("state").asText()).isEqualTo("off");
        assertThat(client.put(at("/echo"), Map.of("latencyMs", 2.5)).json().path("got").path("latencyMs").asDouble()).isEqualTo(2.5);
    }

    @Test
    void aStatusThatIsNot2xxIsAnAnswerUntilTheCallerRequiresOk() throws Exception {
        HttpAnswer refused = client.post(at("/refuse"), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asText()).isEqualTo("the writer is east");
        assertThatThrownBy(refused::requireOk).isInstanceOfSatisfying(HttpStatusException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.body()).contains("the writer is east");
            assertThat(e.getMessage()).contains("/refuse answered 409");
        });
        assertThat(client.get(at("/nope")).status()).as("the server's own 404").isEqualTo(404);
    }

    @Test
    void noListenerIsUnreachableNotTimedOut() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closed + "/echo");
        assertThatThrownBy(() -> client.get(nowhere)).isInstanceOfSatisfying(HttpUnreachableException.class, e -> {
            assertThat(e.timedOut()).isFalse();
            assertThat(e.uri()).isEqualTo(nowhere);
            assertThat(e.getMessage()).startsWith("no answer to GET " + nowhere);
        });
    }

    @Test
    void anAnswerLateForTheDeadlineIsUnreachableAndTimedOut() {
        assertThatThrownBy(() -> client.get(at("/slow"), Duration.ofMillis(200))).isInstanceOfSatisfying(HttpUnreachableException.class, e -> {
            assertThat(e.timedOut()).isTrue();
            assertThat(e.getMessage()).contains("no answer within 200 ms");
        });
    }
}
