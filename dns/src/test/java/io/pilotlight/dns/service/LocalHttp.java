package io.pilotlight.dns.service;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A real HTTP endpoint answering /healthz with "ok", on a fixed loopback address and port, that can be stopped and restarted. */
final class LocalHttp implements AutoCloseable {
    private final InetSocketAddress address;
    private volatile HttpServer server;

    LocalHttp(String ip) throws IOException {
        server = serve(HttpServer.create(new InetSocketAddress(ip, 0), 16));
        this.address = server.getAddress();
    }

    int port() {
        return address.getPort();
    }

    /** Restarts on the same port, retrying while the kernel still holds it from the last run. */
    synchronized void start() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                server = serve(HttpServer.create(address, 16));
                return;
            } catch (java.net.BindException busy) {
                if (attempt > 100) {
                    throw busy;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    private static HttpServer serve(HttpServer server) {
        server.createContext("/healthz", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
