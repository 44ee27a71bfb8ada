package io.pilotlight.dns.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pilotlight.dns.control.ChangeDecision;
import io.pilotlight.dns.control.ControlStoreUnavailableException;
import io.pilotlight.http.HttpCall;
import io.pilotlight.http.HttpFront;
import io.pilotlight.http.HttpFront.Mode;
import io.pilotlight.http.HttpReply;
import io.pilotlight.http.Route;
import io.pilotlight.http.auth.Access;
import io.pilotlight.http.auth.AccessPolicy;
import io.pilotlight.http.auth.ServerAuth;
import java.util.Set;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The DNS server's admin API (JSON over HTTP, loopback by default): health state and events,
 * routing controls, reload, counters. The CLI's {@code dns health}, {@code dns reload} and
 * {@code route} commands talk to it. Served by the shared {@link HttpFront} on one event-loop
 * thread, each call on a virtual thread; the DNS query path does not go through it.
 */
final class AdminApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpFront http;
    private final DnsService service;

    /** Reading health, events, routing and counters: any token; changing a routing control or reloading: an operator. */
    static final AccessPolicy ACCESS = AccessPolicy.builder()
            .route("/routing", Set.of("GET", "HEAD"), Access.READ)
            .route("/routing", Access.ACT)
            .route("/reload", Access.ACT)
            .build();

    private AdminApi(InetSocketAddress address, DnsService service, ServerAuth auth) throws IOException {
        this.service = service;
        this.http = auth.install(HttpFront.builder(), "dns admin API", address, ACCESS).name("dns-admin").threads(1)
                .route("/health/events", Mode.BLOCKING, only("GET", () -> service.monitor().events()))
                .route("/health", Mode.BLOCKING, only("GET", () -> service.monitor().details()))
                .route("/routing", Mode.BLOCKING, this::routing)
                .route("/reload", Mode.BLOCKING, this::reload)
                .route("/stats", Mode.BLOCKING, only("GET", this::stats))
                .listen(address);
    }

    static AdminApi start(InetSocketAddress address, DnsService service, ServerAuth auth) throws IOException {
        return new AdminApi(address, service, auth);
    }

    InetSocketAddress address() {
        return http.address();
    }

    private Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("listen", service.dnsAddress().toString());
        stats.put("zones", service.server().zones().apexes());
        stats.put("serial", service.server().zones().serial());
        stats.put("queries", service.server().queries());
        stats.put("cache_hits", service.server().cacheHits());
        stats.put("dropped", service.server().dropped());
        stats.put("udp_steering", service.server().udpSteering());
        stats.put("udp_queries_by_thread", service.server().udpQueriesByThread());
        return stats;
    }

    private void routing(HttpCall call, HttpReply reply) {
        if ("GET".equals(call.method())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("controls", service.controls().list());
            body.put("safety_rules", service.controls().rules());
            send(reply, 200, body);
            return;
        }
        if (!"POST".equals(call.method())) {
            send(reply, 405, Map.of("error", "use GET or POST"));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(call.body());
        } catch (IOException e) {
            send(reply, 400, Map.of("error", "the body must be JSON: {\"control\": ..., \"state\": \"on|off\"}"));
            return;
        }
        String control = request.path("control").asText("").toLowerCase(Locale.ROOT);
        String state = request.path("state").asText("");
        if (control.isEmpty() || !(state.equals("on") || state.equals("off"))) {
            send(reply, 400, Map.of("error", "give control (NAME/SET_IDENTIFIER) and state (on or off)"));
            return;
        }
        ChangeDecision decision;
        try {
            decision = service.controls().set(control, state.equals("on"), request.path("by").asText("admin-api"),
                    request.path("reason").asText(null));
        } catch (ControlStoreUnavailableException e) {
            // the shared state cannot be read or written: nothing changed, and answers keep the last known state
            send(reply, 503, new ChangeDecision(false, control, state.equals("on"), e.getMessage()));
            return;
        }
        send(reply, decision.applied() ? 200 : 409, decision);
    }

    private void reload(HttpCall call, HttpReply reply) {
        if (!"POST".equals(call.method())) {
            send(reply, 405, Map.of("error", "use POST"));
            return;
        }
        ReloadResult result = service.reload();
        send(reply, result.applied() ? 200 : 422, result);
    }

    private static Route only(String method, Supplier<Object> body) {
        return (call, reply) -> {
            if (!method.equals(call.method())) {
                send(reply, 405, Map.of("error", "use " + method));
                return;
            }
            send(reply, 200, body.get());
        };
    }

    private static void send(HttpReply reply, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (RuntimeException | IOException e) {
            status = 500;
            bytes = ("{\"error\": \"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        reply.send(status, "application/json", bytes);
    }

    @Override
    public void close() {
        http.close();
    }
}
