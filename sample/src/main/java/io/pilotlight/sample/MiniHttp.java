package io.pilotlight.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 for the sample service (the JDK's server cannot share a port with
 * SO_REUSEPORT): request line, headers, Content-Length bodies, keep-alive.
 */
final class MiniHttp {
    private static final int MAX_LINE = 8_192;
    private static final int MAX_BODY = 1 << 20;

    record Request(String method, String path, byte[] body, boolean keepAlive) {
    }

    record Response(int status, String body) {
    }

    private MiniHttp() {
    }

    /** The next request, or null at the end of the stream. */
    static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line");
        }
        int length = 0;
        boolean keepAlive = parts[2].equals("HTTP/1.1");
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
                if (length < 0 || length > MAX_BODY) {
                    throw new IOException("body too large");
                }
            } else if (lower.startsWith("connection:")) {
                keepAlive = lower.contains("keep-alive") || (keepAlive && !lower.contains("close"));
            }
        }
        byte[] body = in.readNBytes(length);
        String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
        return new Request(parts[0], path, body, keepAlive);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = out.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (out.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }

    static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + response.status() + " " + (response.status() == 200 ? "OK" : response.status() == 404 ? "Not Found"
                : "Service Unavailable") + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
