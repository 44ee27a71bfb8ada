package io.pilotlight.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the shared server over a real socket: whatever bytes arrive, it answers with a 4xx or
 * closes the connection (never a 5xx, never a hang), and the next good request is served.
 */
class GarbageInputTest {
    private static final byte[] GOOD = ("POST /ok/item?x=1 HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            + "Content-Length: 11\r\n\r\n{\"a\":true}\n").getBytes(StandardCharsets.ISO_8859_1);
    private static HttpFront front;

    @BeforeContainer
    static void start() throws IOException {
        front = HttpFront.builder().name("garbage-test")
                .route("/ok", HttpFront.Mode.INLINE, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes(StandardCharsets.UTF_8)))
                .route("/blocking", HttpFront.Mode.BLOCKING, (call, reply) -> reply.send(200, "text/plain", "fine".getBytes(StandardCharsets.UTF_8)))
                .listen(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterContainer
    static void stop() {
        front.close();
    }

    @Property(tries = 300)
    void randomBytesGetA4xxOrACloseAndTheServerKeepsServing(@ForAll @Size(min = 1, max = 3000) byte[] garbage) throws IOException {
        assertRejectedOrClosed(garbage);
        assertServesAGoodRequest();
    }

    @Property(tries = 300)
    void aMangledRequestGetsA4xxOrACloseAndTheServerKeepsServing(@ForAll("mangledRequests") byte[] request) throws IOException {
        assertRejectedOrClosed(request);
        assertServesAGoodRequest();
    }

    /** A good request with a few bytes replaced, inserted or cut, or one of the known ways to break framing. */
    @Provide
    Arbitrary<byte[]> mangledRequests() {
        Arbitrary<byte[]> replaced = Combinators.combine(Arbitraries.integers().between(0, GOOD.length - 1), Arbitraries.bytes())
                .as((at, b) -> {
                    byte[] copy = GOOD.clone();
                    copy[at] = b;
                    return copy;
                });
        Arbitrary<byte[]> inserted = Combinators.combine(Arbitraries.integers().between(0, GOOD.length),
                        Arbitraries.strings().withChars("\r\n :%\u0000\u00ff?/").ofMinLength(1).ofMaxLength(8))
                .as((at, text) -> splice(at, 0, text));
        Arbitrary<byte[]> cut = Combinators.combine(Arbitraries.integers().between(0, GOOD.length - 1), Arbitraries.integers().between(1, 20))
                .as((at, length) -> splice(at, Math.min(length, GOOD.length - at), ""));
        Arbitrary<byte[]> known = Arbitraries.of(List.of(
                "GET / HTTP/9.9\r\n\r\n", "GET\r\n\r\n", "GET /ok HTTP/1.1\r\nNoColon\r\n\r\n",
                "POST /ok HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "POST /ok HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello",
                "POST /ok HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                "GET /ok?%zz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /ok?a=%FF HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /ok/" + "a".repeat(HttpFront.MAX_REQUEST_LINE_BYTES) + " HTTP/1.1\r\n\r\n",
                "GET /ok HTTP/1.1\r\nX-Big: " + "b".repeat(HttpFront.MAX_HEADER_BYTES) + "\r\n\r\n",
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003")) // a TLS client hello's start
                .map(text -> text.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(replaced, inserted, cut, known);
    }

    private static byte[] splice(int at, int remove, String insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(GOOD, 0, at);
        out.writeBytes(insert.getBytes(StandardCharsets.ISO_8859_1));
        out.write(GOOD, at + remove, GOOD.length - at - remove);
        return out.toByteArray();
    }

    /** Sends the bytes, ends the sending side, and reads every answer until the server closes: each must be a 2xx (what parsed as a request) or a 4xx. */
    private static void assertRejectedOrClosed(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", front.address().getPort())) {
            socket.setSoTimeout(5_000);
            try {
                socket.getOutputStream().write(bytes);
                socket.shutdownOutput();
            } catch (SocketException closedEarly) {
                return; // the server already rejected and closed: that is allowed
            }
            String answers = readAll(socket.getInputStream());
            for (String line : answers.split("\r\n")) {
                if (line.startsWith("HTTP/1.")) {
                    int status = Integer.parseInt(line.substring(9, 12));
                    assertThat(status).as("status line \"%s\"", line).satisfiesAnyOf(
                            s -> assertThat(s).isBetween(400, 499),
                            s -> assertThat(s).isBetween(200, 299));
                }
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out); // until the server closes; a hang is a SocketTimeoutException, and fails
        } catch (SocketException reset) {
            // a reset after the server closed with our bytes unread: a close
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertServesAGoodRequest() throws IOException {
        try (RawHttp connection = new RawHttp(front.address().getPort())) {
            connection.send(GOOD);
            RawHttp.Answer answer = connection.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("fine");
            assertThat(connection.call("GET", "/blocking", null).text()).isEqualTo("fine");
        }
    }
}
