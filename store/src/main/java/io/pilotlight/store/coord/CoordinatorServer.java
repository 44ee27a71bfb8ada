package io.pilotlight.store.coord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpFront.Mode;
import io.pilotlight.http.HttpReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * {@code pilotlight store coordinator}: an in-process coordinator served over HTTP to store nodes
 * in other processes, on the same HTTP front end as the nodes; every call is answered on the
 * event loop (a lease decision is a few comparisons under a lock), so a renewal never waits for a thread.
 */
public final class CoordinatorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpFront http;

    public CoordinatorServer(InetSocketAddress listen, Coordinator coordinator) throws IOException {
        this.http = HttpFront.builder().name("coordinator-http").threads(1)
                .route("/acquire", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    JsonNode body = JSON.readTree(call.body());
                    return coordinator.acquire(body.path("region").asText(), Duration.ofMillis(body.path("ttl_ms").asLong()),
                            body.path("at_least_epoch").asLong(0));
                }))
                .route("/renew", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    JsonNode body = JSON.readTree(call.body());
                    return Map.of("renewed", coordinator.renew(body.path("region").asText(), body.path("epoch").asLong(),
                            Duration.ofMillis(body.path("ttl_ms").asLong())));
                }))
                .route("/release", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    JsonNode body = JSON.readTree(call.body());
                    coordinator.release(body.path("region").asText(), body.path("epoch").asLong(),
                            body.hasNonNull("successor") ? body.path("successor").asText() : null);
                    return Map.of("released", true);
                }))
                .route("/current", Mode.INLINE, (call, reply) -> respond(reply, coordinator::current))
                .listen(listen);
    }

    public InetSocketAddress address() {
        return http.address();
    }

    private interface Body {
        Object get() throws IOException;
    }

    private static void respond(HttpReply reply, Body body) throws IOException {
        try {
            reply.send(200, "application/json", JSON.writeValueAsBytes(body.get()));
        } catch (IOException | RuntimeException e) {
            reply.send(400, "application/json", JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
