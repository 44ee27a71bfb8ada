package io.pilotlight.health;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * HTTP and HTTPS checks: {@code GET resource_path} with the Host header; healthy on a 2xx or 3xx
 * status within the timeout and, when {@code search_string} is set, that string in the first
 * 5,120 bytes of the body. Connect, TLS and reading all count against the one timeout.
 */
final class HttpProbe implements Probe {
    private final ProbeTarget target;
    private final HttpProbeSettings settings;
    private final ProbeContext context;

    HttpProbe(ProbeTarget target, HttpProbeSettings settings, ProbeContext context) {
        this.target = target;
        this.settings = settings;
        this.context = context;
    }

    @Override
    public ProbeResult run() {
        Instant at = context.clock().instant();
        long start = context.ticker().nanos();
        Deadline deadline = new Deadline(context.ticker(), settings.timeout(), context.watchdog());
        try {
            return exchange(at, start, deadline);
        } catch (IOException e) {
            return ProbeResult.failure(at, ProbeResult.NO_STATUS, since(start), ProbeErrors.describe(e, deadline, target));
        } catch (RuntimeException e) {
            return ProbeResult.failure(at, ProbeResult.NO_STATUS, since(start), "probe failed: " + e);
        } finally {
            deadline.close();
        }
    }

    private ProbeResult exchange(Instant at, long start, Deadline deadline) throws IOException {
        Socket raw = Connector.connect(target, deadline);
        try (Socket socket = settings.tls()
                ? TlsLayer.handshake(raw, target, settings.verifyCertificate(), context.trusted(), deadline) : raw) {
            send(socket);
            ResponseReader reader = new ResponseReader(new BufferedInputStream(new DeadlineInputStream(socket, deadline)));
            ResponseHead head = reader.readHead();
            try {
                String problem = judge(head, reader);
                if (deadline.expired()) {
                    problem = ProbeErrors.timedOut(deadline);
                }
                return problem == null ? ProbeResult.success(at, head.status(), since(start))
                        : ProbeResult.failure(at, head.status(), since(start), problem);
            } catch (IOException e) {
                return ProbeResult.failure(at, head.status(), since(start), ProbeErrors.describe(e, deadline, target));
            }
        } finally {
            Deadline.closeQuietly(raw);
        }
    }

    private void send(Socket socket) throws IOException {
        String request = "GET " + settings.resourcePath() + " HTTP/1.1\r\n"
                + "Host: " + target.hostHeader() + "\r\n"
                + "User-Agent: Pilotlight-Health-Check/1.0\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Why the response is unhealthy, or {@code null} when it is healthy. */
    private String judge(ResponseHead head, ResponseReader reader) throws IOException {
        if (head.status() < 200 || head.status() >= 400) {
            return "HTTP " + head.status();
        }
        if (settings.searchString() == null) {
            return null;
        }
        BodyPrefix prefix = BodyPrefix.read(reader.body(head), BodyPrefix.SEARCH_LIMIT);
        return prefix.contains(settings.searchString()) ? null
                : "search string \"" + settings.searchString() + "\" not found in the first " + BodyPrefix.SEARCH_LIMIT + " bytes";
    }

    private Duration since(long start) {
        return Duration.ofNanos(context.ticker().nanos() - start);
    }
}
