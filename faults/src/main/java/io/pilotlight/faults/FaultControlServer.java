package io.pilotlight.faults;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.auth.Access;
import io.pilotlight.http.auth.AccessPolicy;
import io.pilotlight.http.auth.ServerAuth;
import java.util.Set;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A small HTTP API over one {@link FaultyProxy}, for labs and scripts:
 * {@code GET /faults}, {@code PUT /faults} (the whole faults as JSON; missing fields mean no
 * fault), {@code GET /stats}, {@code POST /reset}. Errors are {@code 400 {"error": "..."}}.
 * Served by the shared {@link HttpFront}, each call on a virtual thread.
 */
public final class FaultControlServer implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;

    private final HttpFront server;
    private final FaultyProxy proxy;

    /** Reading faults and counters: any token; changing faults or resetting: an operator. */
    static final AccessPolicy ACCESS = AccessPolicy.builder()
            .route("/faults", Set.of("GET", "HEAD"), Access.READ)
            .route("/faults", Access.ACT)
            .route("/reset", Access.ACT)
            .build();

    private FaultControlServer(InetSocketAddress bind, FaultyProxy proxy, ServerAuth auth) throws IOException {
        this.proxy = proxy;
        this.server = auth.install(HttpFront.builder(), "fault control API", bind, ACCESS).name("fault-control").threads(1)
                .route("/", HttpFront.Mode.BLOCKING, this::handle)
                .listen(bind);
    }

    /** Serves the API for {@code proxy} on {@code bind} (port 0 for a free one). */
    public static FaultControlServer start(InetSocketAddress bind, FaultyProxy proxy) throws IOException {
        return start(bind, proxy, ServerAuth.NONE);
    }

    /** With tokens (see docs/security.md); beyond loopback they are required. */
    public static FaultControlServer start(InetSocketAddress bind, FaultyProxy proxy, ServerAuth auth) throws IOException {
        return new FaultControlServer(bind, Require.nonNull("proxy", proxy), auth);
    }

    /** Where the API listens. */
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpCall call, HttpReply reply) throws IOException {
        String route = call.method() + " " + call.rawPath();
        switch (route) {
            case "GET /faults" -> send(reply, 200, FaultsJson.write(proxy.faults()));
            case "PUT /faults" -> putFaults(call, reply);
            case "GET /stats" -> send(reply, 200, FaultsJson.write(proxy.stats()));
            case "POST /reset" -> send(reply, 200, FaultsJson.MAPPER.createObjectNode().put("reset", proxy.resetAll()));
            default -> error(reply, 404, "no route " + route + "; routes: GET /faults, PUT /faults, GET /stats, POST /reset");
        }
    }

    private void putFaults(HttpCall call, HttpReply reply) throws IOException {
        byte[] body = call.body();
        if (body.length > MAX_BODY) {
            error(reply, 413, "body is larger than " + MAX_BODY + " bytes");
            return;
        }
        try {
            JsonNode json = FaultsJson.MAPPER.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException("body is empty; expected the faults as a JSON object");
            }
            proxy.faults(FaultsJson.read(json));
            send(reply, 200, FaultsJson.write(proxy.faults()));
        } catch (JacksonException malformed) {
            error(reply, 400, "body is not valid JSON: " + malformed.getOriginalMessage());
        } catch (IllegalArgumentException invalid) {
            error(reply, 400, invalid.getMessage());
        }
    }

    private static void error(HttpReply reply, int status, String message) throws IOException {
        send(reply, status, FaultsJson.MAPPER.createObjectNode().put("error", message));
    }

    private static void send(HttpReply reply, int status, JsonNode json) throws IOException {
        reply.send(status, "application/json; charset=utf-8", FaultsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }
}
