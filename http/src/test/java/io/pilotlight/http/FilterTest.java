package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hook for what every server needs alike (tokens, metrics): filters run in order before every route, the 404 included. */
class FilterTest {
    private final JsonHttp client = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void filtersRunInOrderBeforeEveryRouteAndMayAnswerThemselves() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Filter count = (call, reply, next) -> {
            seen.add("count " + call.rawPath());
            next.handle(call, reply);
        };
        Filter gate = (call, reply, next) -> {
            if (call.header("X-Let-In") == null) {
                reply.send(401, "application/json", "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                next.handle(call, reply);
            }
        };
        try (HttpFront front = HttpFront.builder().filter(count).filter(gate)
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes(StandardCharsets.UTF_8)))
                .route("/slow", HttpFront.Mode.BLOCKING, (call, reply) -> reply.send(200, "text/plain", "late".getBytes(StandardCharsets.UTF_8)))
                .listen(new InetSocketAddress("127.0.0.1", 0))) {
            String base = "http://127.0.0.1:" + front.address().getPort();
            assertThat(client.get(URI.create(base + "/ok")).status()).isEqualTo(401);
            assertThat(client.get(URI.create(base + "/nope")).status()).as("an unknown path is gated too").isEqualTo(401);
            try (RawHttp raw = new RawHttp(front.address().getPort())) {
                raw.send(("GET /slow HTTP/1.1\r\nHost: x\r\nX-Let-In: yes\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(raw.read().text()).isEqualTo("late");
            }
            assertThat(seen).containsExactly("count /ok", "count /nope", "count /slow");
        }
    }

    @Test
    void twoServersWithReusePortShareOneAddress() throws Exception {
        try (HttpFront first = HttpFront.builder().reusePort(true)
                .route("/who", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "first".getBytes(StandardCharsets.UTF_8)))
                .listen(new InetSocketAddress("127.0.0.1", 0))) {
            try (HttpFront second = HttpFront.builder().reusePort(true)
                    .route("/who", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "second".getBytes(StandardCharsets.UTF_8)))
                    .listen(first.address())) {
                first.close();
                try (RawHttp raw = new RawHttp(second.address().getPort())) {
                    assertThat(raw.call("GET", "/who", null).text()).isEqualTo("second");
                }
            }
        }
    }
}
