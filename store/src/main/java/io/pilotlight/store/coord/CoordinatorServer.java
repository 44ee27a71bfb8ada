package io.pilotlight.store.coord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

/** {@code pilotlight store coordinator}: an in-process coordinator served over HTTP to store nodes in other processes. */
public final class CoordinatorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    private final Coordinator coordinator;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // lease renewals must not wait for Nagle
    }

    public CoordinatorServer(InetSocketAddress listen, Coordinator coordinator) throws IOException {
        this.coordinator = coordinator;
        this.http = HttpServer.create(listen, 64);
        http.createContext("/acquire", ex -> respond(ex, () -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            return coordinator.acquire(body.path("region").asText(), Duration.ofMillis(body.path("ttl_ms").asLong()));
        }));
        http.createContext("/renew", ex -> respond(ex, () -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            return Map.of("renewed", coordinator.renew(body.path("region").asText(), body.path("epoch").asLong(),
                    Duration.ofMillis(body.path("ttl_ms").asLong())));
        }));
        http.createContext("/release", ex -> respond(ex, () -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            coordinator.release(body.path("region").asText(), body.path("epoch").asLong());
            return Map.of("released", true);
        }));
        http.createContext("/current", ex -> respond(ex, coordinator::current));
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    private interface Body {
        Object get() throws IOException;
    }

    private static void respond(HttpExchange exchange, Body body) throws IOException {
        byte[] bytes;
        int status = 200;
        try {
            bytes = JSON.writeValueAsBytes(body.get());
        } catch (IOException | RuntimeException e) {
            status = 400;
            bytes = JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage())));
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
