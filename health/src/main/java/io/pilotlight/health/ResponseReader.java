package io.pilotlight.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP/1.x response as a health check needs it: the status line (interim 1xx responses
 * skipped), the headers, then the body as a stream (chunked, sized or until the connection ends).
 * Faces the network, so it bounds everything it reads and fails only with {@link IOException}s.
 */
final class ResponseReader {
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 200;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: .*)?");
    private final InputStream in;

    ResponseReader(InputStream in) {
        this.in = in;
    }

    ResponseHead readHead() throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new MalformedResponseException("connection closed before an HTTP status line");
            }
            Matcher status = STATUS_LINE.matcher(line);
            if (!status.matches()) {
                throw new MalformedResponseException("not an HTTP response: \"" + Printable.of(line) + "\"");
            }
            int code = Integer.parseInt(status.group(1));
            Map<String, String> headers = readHeaders();
            if (code >= 200 || code == 101) {
                return new ResponseHead(code, headers);
            }
        }
    }

    InputStream body(ResponseHead head) throws IOException {
        if (head.chunked()) {
            return new ChunkedInputStream(this);
        }
        long length = head.contentLength();
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine();
            if (line == null) {
                throw new MalformedResponseException("connection closed in the middle of the response headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count == MAX_HEADERS) {
                throw new MalformedResponseException("more than " + MAX_HEADERS + " response headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
    }

    /** A line without its CR LF, or {@code null} at the end of the stream before any byte. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() == MAX_LINE) {
                throw new MalformedResponseException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    InputStream raw() {
        return in;
    }
}
