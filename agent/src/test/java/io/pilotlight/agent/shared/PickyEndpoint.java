package io.pilotlight.agent.shared;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A real HTTP endpoint on loopback whose /healthz answers 200 "ok", except 500 to requests from the
 * given source addresses: one vantage point sees it up, another down, as a partial network fault would.
 */
final class PickyEndpoint implements AutoCloseable {
    private final HttpServer server;

    PickyEndpoint(Set<String> failingSources) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/healthz", exchange -> {
            boolean fails = failingSources.contains(exchange.getRemoteAddress().getAddress().getHostAddress());
            byte[] body = (fails ? "down" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fails ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
