package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.pilotlight.store.log.LogCodec;
import io.pilotlight.store.log.LogEntry;
import io.pilotlight.store.log.LogFrame;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The replica's end of the replication stream reads what a writer (or anything listening at its
 * address) sends: an HTTP head, then a chunked body of frames. Frames cut into chunks anywhere come
 * back identical; any other answer (a bad status, a bad X-Epoch, a bad chunk size, noise) is an
 * IOException, which the replica answers by reconnecting, never another exception.
 */
class LogStreamFuzzTest {
    private static final AtomicReference<byte[]> ANSWER = new AtomicReference<>(new byte[0]);
    private static ServerSocket writer;
    private static Thread serving;

    @BeforeContainer
    static void start() throws IOException {
        writer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = Thread.ofPlatform().daemon().start(() -> {
            while (!writer.isClosed()) {
                try (Socket socket = writer.accept()) {
                    InputStream in = socket.getInputStream();
                    for (int state = 0; state < 4; ) { // up to the blank line after the request head
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        state = c == (state % 2 == 0 ? '\r' : '\n') ? state + 1 : c == '\r' ? 1 : 0;
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(ANSWER.get());
                    out.flush();
                } catch (IOException closed) {
                    // the next connection, or the end
                }
            }
        });
    }

    @AfterContainer
    static void stop() throws IOException {
        writer.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + writer.getLocalPort();
    }

    @Property(tries = 150)
    void framesChunkedAnywhereComeBackIdentical(@ForAll("frames") List<List<LogEntry>> frames, @ForAll long seed) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (List<LogEntry> entries : frames) {
            LogCodec.writeFrame(new DataOutputStream(body), 7, 99, entries.stream().map(LogCodec::encode).toList());
        }
        ANSWER.set(answer("HTTP/1.1 200 OK\r\nX-Epoch: 7\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(body.toByteArray(), new Random(seed))));
        try (LogStream stream = LogStream.open(url(), "from=1", 1000, 2000)) {
            assertThat(stream.epoch()).isEqualTo(7);
            for (List<LogEntry> sent : frames) {
                LogFrame frame = stream.next();
                assertThat(frame.encoded()).hasSameSizeAs(sent);
                for (int i = 0; i < sent.size(); i++) {
                    assertThat(frame.encoded().get(i)).isEqualTo(LogCodec.encode(sent.get(i)));
                }
            }
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class);
        }
    }

    @Property(tries = 300)
    void anyAnswerIsFramesOrAnIoException(@ForAll("heads") String head, @ForAll @Size(max = 120) byte[] noise,
                                          @ForAll @IntRange(min = 0, max = 2) int shape) {
        byte[] body = switch (shape) {
            case 0 -> noise; // not even chunked
            case 1 -> chunked(noise, new Random(noise.length)); // chunked noise
            default -> (Integer.toHexString(noise.length) + "\r\n" + new String(noise, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        };
        ANSWER.set(answer(head, body));
        try (LogStream stream = LogStream.open(url(), "from=1", 1000, 2000)) {
            for (int i = 0; i < 10; i++) {
                stream.next();
            }
        } catch (IOException refused) {
            assertThat(refused.getMessage() == null || !refused.getMessage().isBlank()).isTrue();
        } catch (RuntimeException other) {
            fail("the answer " + head.replace("\r\n", "\\r\\n") + " threw " + other, other);
        }
    }

    // ---- found inputs, kept fixed --------------------------------------------------------------------

    /** Found: a chunk size that is not hex, or is negative, was a NumberFormatException or an IndexOutOfBoundsException. */
    @Example
    void aBadChunkSizeIsAnIoException() {
        for (String size : List.of("zz", "-1", "", "1 2", "8000000000000000")) {
            ANSWER.set(answer("HTTP/1.1 200 OK\r\nX-Epoch: 1\r\nTransfer-Encoding: chunked\r\n\r\n", (size + "\r\nabc").getBytes(StandardCharsets.ISO_8859_1)));
            assertThatThrownBy(() -> {
                try (LogStream stream = LogStream.open(url(), "from=1", 1000, 2000)) {
                    stream.next();
                }
            }).as(size).isInstanceOf(IOException.class);
        }
    }

    /** Found: an X-Epoch that is not a number was a NumberFormatException out of open(). */
    @Example
    void aBadEpochHeaderIsAnIoException() {
        ANSWER.set(answer("HTTP/1.1 200 OK\r\nX-Epoch: seven\r\nTransfer-Encoding: chunked\r\n\r\n", new byte[0]));
        assertThatThrownBy(() -> LogStream.open(url(), "from=1", 1000, 2000).close()).isInstanceOf(IOException.class)
                .hasMessageContaining("X-Epoch");
    }

    // ---- helpers and generators --------------------------------------------------------------------------

    private static byte[] answer(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The body in chunks of random sizes (some with an extension), then the last chunk. */
    private static byte[] chunked(byte[] body, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; ) {
            int n = Math.min(body.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 5000));
            out.writeBytes((Integer.toHexString(n) + (random.nextInt(4) == 0 ? ";x=y" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<List<LogEntry>>> frames() {
        Arbitrary<LogEntry> entry = Arbitraries.longs().between(1, 1_000_000).flatMap(index -> Arbitraries.strings().ofMaxLength(10)
                .flatMap(key -> Arbitraries.bytes().array(byte[].class).ofMaxSize(3000).injectNull(0.1)
                        .map(value -> new LogEntry(index, 7, index * 3, key.replaceAll("[\\uD800-\\uDFFF]", "s"), value))));
        return entry.list().ofMaxSize(4).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> heads() {
        Arbitrary<String> status = Arbitraries.of("HTTP/1.1 200 OK", "HTTP/1.1 421 Misdirected", "HTTP/1.1 200", "200", "", "HTTP/1.1 2000 x", "garbage");
        Arbitrary<String> epoch = Arbitraries.of("X-Epoch: 1", "X-Epoch: -1", "X-Epoch: x", "X-Epoch:", "X-Epoch: 99999999999999999999", "X-Epoch: 1.0", "");
        Arbitrary<String> encoding = Arbitraries.of("Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "", "no colon here");
        return net.jqwik.api.Combinators.combine(status, epoch, encoding).as((s, e, t) -> {
            List<String> lines = new ArrayList<>(List.of(s, e, t));
            lines.removeIf(String::isEmpty);
            return String.join("\r\n", lines) + "\r\n\r\n";
        });
    }
}
