package io.pilotlight.dns.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilotlight.dns.control.ChangeDecision;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The DNS server's admin API (JSON over HTTP, loopback by default): health state and events,
 * routing controls, reload, counters. The CLI's {@code dns health}, {@code dns reload} and
 * {@code route} commands talk to it.
 */
final class AdminApi implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer http;
    private final DnsService service;

    private AdminApi(HttpServer http, DnsService service) {
        this.http = http;
        this.service = service;
    }

    static AdminApi start(InetSocketAddress address, DnsService service) throws IOException {
        HttpServer http = HttpServer.create(address, 64);
        AdminApi api = new AdminApi(http, service);
        http.createContext("/health/events", exchange -> api.handle(exchange, "GET", () -> service.monitor().events()));
        http.createContext("/health", exchange -> api.handle(exchange, "GET", () -> service.monitor().details()));
        http.createContext("/routing", exchange -> api.routing(exchange));
        http.createContext("/reload", exchange -> api.reload(exchange));
        http.createContext("/stats", exchange -> api.handle(exchange, "GET", api::stats));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return api;
    }

    InetSocketAddress address() {
        return http.getAddress();
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

    private void routing(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("controls", service.controls().list());
            body.put("safety_rules", service.controls().rules());
            send(exchange, 200, body);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, Map.of("error", "use GET or POST"));
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            send(exchange, 400, Map.of("error", "the body must be JSON: {\"control\": ..., \"state\": \"on|off\"}"));
            return;
        }
        String control = request.path("control").asText("").toLowerCase(java.util.Locale.ROOT);
        String state = request.path("state").asText("");
        if (control.isEmpty() || !(state.equals("on") || state.equals("off"))) {
            send(exchange, 400, Map.of("error", "give control (NAME/SET_IDENTIFIER) and state (on or off)"));
            return;
        }
        ChangeDecision decision = service.controls().set(control, state.equals("on"), request.path("by").asText("admin-api"),
                request.path("reason").asText(null));
        send(exchange, decision.applied() ? 200 : 409, decision);
    }

    private void reload(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, Map.of("error", "use POST"));
            return;
        }
        ReloadResult result = service.reload();
        send(exchange, result.applied() ? 200 : 422, result);
    }

    private void handle(HttpExchange exchange, String method, java.util.function.Supplier<Object> body) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            send(exchange, 405, Map.of("error", "use " + method));
            return;
        }
        send(exchange, 200, body.get());
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (RuntimeException | IOException e) {
            status = 500;
            bytes = ("{\"error\": \"" + e.getClass().getSimpleName() + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
