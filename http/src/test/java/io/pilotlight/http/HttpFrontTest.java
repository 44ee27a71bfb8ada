package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store's HTTP front end on a real socket: answers, order, streams, errors, close. */
class HttpFrontTest {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private HttpResponse<String> get(HttpFront front, String target) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.address().getPort() + target))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesByLongestPrefixAndDecodesTheQuery() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/log", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "log".getBytes()))
                .route("/log-ack", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain",
                        ("ack " + call.param("region", "?")).getBytes()))
                .listen(ANY)) {
            assertThat(get(front, "/log?from=1").body()).isEqualTo("log");
            assertThat(get(front, "/log-ack?region=us%20east").body()).isEqualTo("ack us east");
            HttpResponse<String> missing = get(front, "/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("no such path: /nope");
        }
    }

    @Test
    void aRouteThatThrowsGetsAnErrorAnswerAndTheConnectionKeepsServing() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/bad", HttpFront.Mode.INLINE, (call, reply) -> { throw new IllegalArgumentException("limit -1 is out of range"); })
                .route("/boom", HttpFront.Mode.BLOCKING, (call, reply) -> { throw new IllegalStateException("broken"); })
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes()))
                .listen(ANY)) {
            HttpResponse<String> bad = get(front, "/bad");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("limit -1 is out of range");
            assertThat(get(front, "/boom").statusCode()).isEqualTo(500);
            assertThat(get(front, "/ok").body()).isEqualTo("fine");
        }
    }

    /** A pipelining client gets its answers in request order, even when the first is answered last. */
    @Test
    void pipelinedAnswersKeepRequestOrder() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        try (HttpFront front = HttpFront.builder()
                .route("/slow", HttpFront.Mode.INLINE, (call, reply) ->
                        release.thenRunAsync(() -> reply.send(200, "text/plain", "slow".getBytes())))
                .route("/fast", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fast".getBytes()))
                .listen(ANY);
             Socket socket = new Socket("127.0.0.1", front.address().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(100);
            release.complete(null);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(readBody(in)).isEqualTo("slow");
            assertThat(readBody(in)).isEqualTo("fast");
        }
    }

    private static String readBody(BufferedReader in) throws IOException {
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new String(body);
    }

    @Test
    void aStreamSendsEachFlushAsAChunkUntilClosed() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/stream", HttpFront.Mode.STREAM, (call, reply) -> {
                    try (DataOutputStream out = new DataOutputStream(reply.stream(200, "application/octet-stream", Map.of("X-Epoch", "7")))) {
                        for (int i = 0; i < 3; i++) {
                            out.writeInt(i);
                            out.flush();
                        }
                    }
                })
                .listen(ANY)) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.address().getPort() + "/stream")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.headers().firstValue("X-Epoch")).contains("7");
            assertThat(response.headers().firstValue("Transfer-Encoding")).contains("chunked");
            assertThat(response.body()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2);
        }
    }

    /** A blocking route waits on a thread of its own: the event loop keeps answering others meanwhile. */
    @Test
    void aBlockedRouteDoesNotHoldUpOthers() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        try (HttpFront front = HttpFront.builder().threads(1)
                .route("/wait", HttpFront.Mode.BLOCKING, (call, reply) -> {
                    stuck.await(10, TimeUnit.SECONDS);
                    reply.send(200, "text/plain", "waited".getBytes());
                })
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes()))
                .listen(ANY)) {
            HttpClient other = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> waiting = other.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.address().getPort() + "/wait")).build(), HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 20; i++) {
                assertThat(get(front, "/ok").body()).isEqualTo("fine");
            }
            assertThat(waiting).isNotDone();
            stuck.countDown();
            assertThat(waiting.get(5, TimeUnit.SECONDS).body()).isEqualTo("waited");
        }
    }

    /** An inline route that finds slow work hands the rest to a thread that may block; a failure there still gets its answer. */
    @Test
    void anInlineRouteCanOffloadTheRestOfItsCall() throws Exception {
        try (HttpFront front = HttpFront.builder().threads(1)
                .route("/scan", HttpFront.Mode.INLINE, (call, reply) -> reply.offload(call, (c, r) -> {
                    assertThat(Thread.currentThread().isVirtual()).isTrue();
                    if (c.param("limit", "1").equals("-1")) {
                        throw new IllegalArgumentException("limit -1 is out of range");
                    }
                    r.send(200, "text/plain", ("scanned " + c.param("limit", "1")).getBytes());
                }))
                .listen(ANY)) {
            assertThat(get(front, "/scan?limit=5").body()).isEqualTo("scanned 5");
            HttpResponse<String> bad = get(front, "/scan?limit=-1");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("limit -1 is out of range");
        }
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/kv", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "stored".getBytes()))
                .listen(ANY)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.address().getPort() + "/kv/a"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpFront.MAX_BODY_BYTES + 1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void garbageGetsA400AndTheServerKeepsServing() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes()))
                .listen(ANY)) {
            try (Socket socket = new Socket("127.0.0.1", front.address().getPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream())).readLine();
                assertThat(status).startsWith("HTTP/1.1 400");
            }
            assertThat(get(front, "/ok").body()).isEqualTo("fine");
        }
    }

    /** After close, a client holding a keep-alive connection is told at once (no request hangs on it). */
    @Test
    void closingDropsKeepAliveConnections() throws Exception {
        HttpFront front = HttpFront.builder()
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes()))
                .listen(ANY);
        int port = front.address().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(readBody(in)).isEqualTo("fine");
            front.close();
            assertThat(in.read()).as("end of stream after close").isEqualTo(-1);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    /**
     * Regression: Netty's codec dropped a connection with more than 128 requests decoded and not yet
     * answered. A client pipelining 1,000 GETs and PUTs on one connection gets 1,000 answers in
     * order, some of them answered later from another thread (as writes are).
     */
    @Test
    void aThousandPipelinedRequestsOnOneConnectionGetAThousandAnswersInOrder() throws Exception {
        int count = 1000;
        try (HttpFront front = HttpFront.builder()
                .route("/echo", HttpFront.Mode.INLINE, (call, reply) -> {
                    byte[] answer = (call.method() + " " + call.param("i", "?") + " " + call.body().length).getBytes();
                    if (call.method().equals("PUT")) {
                        CompletableFuture.runAsync(() -> reply.send(200, "text/plain", answer)); // like a group commit
                    } else {
                        reply.send(200, "text/plain", answer);
                    }
                })
                .listen(ANY);
             RawHttp connection = new RawHttp(front.address().getPort())) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        connection.send(i % 2 == 0 ? RawHttp.request("GET", "/echo?i=" + i, null) : RawHttp.request("PUT", "/echo?i=" + i, "v" + i + "x".repeat(i % 7 * 100)));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < count; i++) {
                RawHttp.Answer answer = connection.read();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.text()).isEqualTo(i % 2 == 0 ? "GET " + i + " 0" : "PUT " + i + " " + (("v" + i).length() + i % 7 * 100));
            }
            sent.get(5, TimeUnit.SECONDS);
            assertThat(connection.call("GET", "/echo?i=last", null).text()).isEqualTo("GET last 0");
        }
    }

    /** Regression: a bad escape in the query closed the connection with no answer. */
    @Test
    void aBadEscapeInTheQueryGetsA400NamingTheParameterAndTheConnectionKeepsServing() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", call.param("to", "-").getBytes(StandardCharsets.UTF_8)))
                .listen(ANY);
             RawHttp connection = new RawHttp(front.address().getPort())) {
            RawHttp.Answer zz = connection.call("GET", "/ok?limit=%zz", null);
            assertThat(zz.status()).isEqualTo(400);
            assertThat(zz.text()).contains("\"error\":\"bad_request\"", "query parameter \\\"limit\\\"", "%zz", "two hex digits");
            RawHttp.Answer cut = connection.call("GET", "/ok?to=%", null);
            assertThat(cut.status()).isEqualTo(400);
            assertThat(cut.text()).contains("query parameter \\\"to\\\"", "bad percent escape \\\"%\\\"");
            RawHttp.Answer notUtf8 = connection.call("GET", "/ok?to=%FF", null);
            assertThat(notUtf8.status()).isEqualTo(400);
            assertThat(notUtf8.text()).contains("not valid UTF-8 at byte offset 0");
            assertThat(connection.call("GET", "/ok?to=a+b%2Bc", null).text()).as("+ is a space in a query, %2B a plus").isEqualTo("a b+c");
        }
    }

    /**
     * A request line or headers over the limit get a 414 or 431 answer in JSON, then the connection closes (the
     * decoder cannot find where the next request starts); other connections keep being served.
     */
    @Test
    void aRequestLineOrHeadersOverTheLimitGetA414Or431ThenTheConnectionCloses() throws Exception {
        try (HttpFront front = HttpFront.builder()
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes()))
                .listen(ANY)) {
            try (RawHttp connection = new RawHttp(front.address().getPort())) {
                RawHttp.Answer tooLong = connection.call("GET", "/ok/" + "a".repeat(HttpFront.MAX_REQUEST_LINE_BYTES), null);
                assertThat(tooLong.status()).isEqualTo(414);
                assertThat(tooLong.text()).contains("\"error\":\"bad_request\"", "longer than " + HttpFront.MAX_REQUEST_LINE_BYTES + " bytes");
                assertThat(connection.closedByPeer()).isTrue();
            }
            try (RawHttp connection = new RawHttp(front.address().getPort())) {
                connection.send(("GET /ok HTTP/1.1\r\nX-Big: " + "b".repeat(HttpFront.MAX_HEADER_BYTES) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                RawHttp.Answer tooBig = connection.read();
                assertThat(tooBig.status()).isEqualTo(431);
                assertThat(tooBig.text()).contains("\"error\":\"bad_request\"", "headers are longer than " + HttpFront.MAX_HEADER_BYTES);
                assertThat(connection.closedByPeer()).isTrue();
            }
            assertThat(get(front, "/ok").body()).isEqualTo("fine");
        }
    }
}
