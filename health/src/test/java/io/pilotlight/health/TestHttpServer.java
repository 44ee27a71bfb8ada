package io.pilotlight.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP endpoint on 127.0.0.1 whose answer a test sets; it remembers who asked what. */
final class TestHttpServer implements AutoCloseable {
    /** One answer: status and body; {@code chunked} sends the body without a Content-Length. */
    record Reply(int status, String body, boolean chunked) {
        static Reply of(int status) {
            return new Reply(status, "", false);
        }
    }

    /** What a request looked like from the server's side. */
    record Seen(String path, String host, InetAddress from) {
    }

    interface Answer {
        Reply reply(HttpExchange exchange);
    }

    private final HttpServer server;
    private volatile Answer answer = exchange -> Reply.of(200);
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    TestHttpServer() {
        this(0);
    }

    TestHttpServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    TestHttpServer answer(Reply reply) {
        return answer(exchange -> reply);
    }

    TestHttpServer answer(Answer answer) {
        this.answer = answer;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRemoteAddress().getAddress()));
        Reply reply = answer.reply(exchange);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.status() == 302) {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
        }
        exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : (body.length == 0 ? -1 : body.length));
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
