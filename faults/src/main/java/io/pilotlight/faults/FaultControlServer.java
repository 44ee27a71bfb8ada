package io.pilotlight.faults;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP API over one {@link FaultyProxy}, for labs and scripts:
 * {@code GET /faults}, {@code PUT /faults} (the whole faults as JSON; missing fields mean no
 * fault), {@code GET /stats}, {@code POST /reset}. Errors are {@code 400 {"error": "..."}}.
 */
public final class FaultControlServer implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final FaultyProxy proxy;

    private FaultControlServer(HttpServer server, FaultyProxy proxy) {
        this.server = server;
        this.proxy = proxy;
    }

    /** Serves the API for {@code proxy} on {@code bind} (port 0 for a free one). */
    public static FaultControlServer start(InetSocketAddress bind, FaultyProxy proxy) throws IOException {
        FaultControlServer control = new FaultControlServer(HttpServer.create(bind, 0), Require.nonNull("proxy", proxy));
        control.server.setExecutor(control.executor);
        control.server.createContext("/", control::handle);
        control.server.start();
        return control;
    }

    /** Where the API listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /faults" -> send(exchange, 200, FaultsJson.write(proxy.faults()));
                case "PUT /faults" -> putFaults(exchange);
                case "GET /stats" -> send(exchange, 200, FaultsJson.write(proxy.stats()));
                case "POST /reset" -> send(exchange, 200, FaultsJson.MAPPER.createObjectNode().put("reset", proxy.resetAll()));
                default -> error(exchange, 404, "no route " + route + "; routes: GET /faults, PUT /faults, GET /stats, POST /reset");
            }
        }
    }

    private void putFaults(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            error(exchange, 413, "body is larger than " + MAX_BODY + " bytes");
            return;
        }
        try {
            JsonNode json = FaultsJson.MAPPER.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw new IllegalArgumentException("body is empty; expected the faults as a JSON object");
            }
            proxy.faults(FaultsJson.read(json));
            send(exchange, 200, FaultsJson.write(proxy.faults()));
        } catch (JacksonException malformed) {
            error(exchange, 400, "body is not valid JSON: " + malformed.getOriginalMessage());
        } catch (IllegalArgumentException invalid) {
            error(exchange, 400, invalid.getMessage());
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, FaultsJson.MAPPER.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = FaultsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
