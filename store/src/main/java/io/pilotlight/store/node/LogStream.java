package io.pilotlight.store.node;

import io.pilotlight.http.tls.ClientTls;
import io.pilotlight.store.log.LogCodec;
import io.pilotlight.store.log.LogFrame;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The replica's end of the writer's {@code /log} stream, on a plain blocking socket: one HTTP/1.1
 * GET, then frames read from the chunked body as the writer commits. A plain socket rather than
 * java.net.http because the stream lives for hours and carries many small frames: a socket read
 * timeout detects a dead link (the writer sends a heartbeat frame when idle), and each frame costs
 * a read instead of a hand-off between client threads.
 */
final class LogStream implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final long epoch;

    private LogStream(Socket socket, DataInputStream in, long epoch) {
        this.socket = socket;
        this.in = in;
        this.epoch = epoch;
    }

    /** Opens {@code writer/log?query}; fails on any answer but 200 (e.g. 421 from a node that is no longer the writer). */
    static LogStream open(String writer, String query, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        URI uri = URI.create(writer);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        Socket socket = ClientTls.connect(uri, connectTimeoutMillis); // TLS to an https:// writer, with this agent's certificate
        try {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /log?" + query + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\nAccept: application/octet-stream\r\n"
                    + io.pilotlight.http.auth.ClientToken.headerLine() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedInputStream raw = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String status = line(raw);
            long epoch = -1;
            boolean chunked = false;
            for (String header = line(raw); !header.isEmpty(); header = line(raw)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("x-epoch")) {
                    epoch = epochHeader(writer, value);
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                }
            }
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[1].equals("200")) {
                throw new IOException("writer " + writer + " answered " + status + " to /log");
            }
            if (!chunked || epoch < 0) {
                throw new IOException("writer " + writer + " sent no chunked log stream with an epoch");
            }
            return new LogStream(socket, new DataInputStream(new ChunkedInput(raw)), epoch);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static long epochHeader(String writer, String value) throws IOException {
        try {
            long epoch = Long.parseLong(value);
            if (epoch >= 0) {
                return epoch;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IOException("writer " + writer + " sent X-Epoch \"" + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
                + "\"; expected a whole number, 0 or more");
    }

    /** The writer's epoch when it opened the stream. */
    long epoch() {
        return epoch;
    }

    /** The next frame, blocking; a read timeout (no heartbeat) or the end of the stream is an IOException. */
    LogFrame next() throws IOException {
        return LogCodec.readFrame(in);
    }

    @Override
    public void close() {
        try {
            socket.close(); // also wakes a thread blocked in next()
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the writer closed the log stream");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > 8192) {
                throw new IOException("header line too long");
            }
        }
        return line.toString();
    }

    /** The body of a chunked HTTP/1.1 response (RFC 9112 section 7.1); ends with the last chunk. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            String size = line(in);
            int extension = size.indexOf(';');
            String hex = (extension < 0 ? size : size.substring(0, extension)).trim();
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                throw new IOException("bad chunk size \"" + (size.length() > 40 ? size.substring(0, 40) + "..." : size)
                        + "\" in the log stream; expected 1 to 15 hex digits");
            }
            left = Long.parseLong(hex, 16);
            if (left == 0) {
                ended = true;
                while (!line(in).isEmpty()) {
                    // trailers: none expected
                }
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("the log stream ended inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the CRLF after the chunk's data
            }
            return n;
        }
    }
}
