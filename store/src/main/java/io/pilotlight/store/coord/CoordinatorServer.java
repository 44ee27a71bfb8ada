package io.pilotlight.store.coord;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpFront.Mode;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.auth.Access;
import io.pilotlight.http.auth.AccessPolicy;
import io.pilotlight.http.auth.RegionClaim;
import io.pilotlight.http.auth.ServerAuth;
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
    /** Duplicate fields and anything after the body's value are refused: a body means one thing or nothing. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private final HttpFront http;

    /** Lease calls are for agents, each for its own region (the body's {@code region}); {@code /current} for any token. */
    static final AccessPolicy ACCESS = AccessPolicy.builder()
            .route("/acquire", Access.agent(RegionClaim.bodyField("region")))
            .route("/renew", Access.agent(RegionClaim.bodyField("region")))
            .route("/release", Access.agent(RegionClaim.bodyField("region")))
            .route("/current", Access.READ)
            .build();

    public CoordinatorServer(InetSocketAddress listen, Coordinator coordinator) throws IOException {
        this(listen, coordinator, ServerAuth.NONE);
    }

    public CoordinatorServer(InetSocketAddress listen, Coordinator coordinator, ServerAuth auth) throws IOException {
        this.http = auth.install(HttpFront.builder(), "store coordinator", listen, ACCESS).name("coordinator-http").threads(1)
                .route("/acquire", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    LeaseBody.Acquire body = LeaseBody.acquire(JSON, call.body());
                    return coordinator.acquire(body.region(), body.ttl(), body.atLeastEpoch());
                }))
                .route("/renew", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    LeaseBody.Renew body = LeaseBody.renew(JSON, call.body());
                    return Map.of("renewed", coordinator.renew(body.region(), body.epoch(), body.ttl()));
                }))
                .route("/release", Mode.INLINE, (call, reply) -> respond(reply, () -> {
                    LeaseBody.Release body = LeaseBody.release(JSON, call.body());
                    coordinator.release(body.region(), body.epoch(), body.successor());
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

    /** 400 naming the field for a malformed body (nothing was decided); 503 when the coordinator itself failed (its state file, say). */
    private static void respond(HttpReply reply, Body body) throws IOException {
        try {
            reply.send(200, "application/json", JSON.writeValueAsBytes(body.get()));
        } catch (LeaseBody.BadField e) {
            Map<String, Object> error = new java.util.HashMap<>();
            error.put("error", "bad_request");
            error.put("message", e.getMessage());
            if (e.field() != null) {
                error.put("field", e.field());
            }
            reply.send(400, "application/json", JSON.writeValueAsBytes(error));
        } catch (IOException | RuntimeException e) {
            reply.send(503, "application/json", JSON.writeValueAsBytes(Map.of("error", "unavailable", "message", String.valueOf(e.getMessage()))));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
