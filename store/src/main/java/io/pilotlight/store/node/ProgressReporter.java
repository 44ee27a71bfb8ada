package io.pilotlight.store.node;

import io.pilotlight.http.tls.ClientTls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reports the replica's durable index to the writer it follows ({@code GET /log-ack}) on one
 * keep-alive socket, from its own thread: the newest index whenever it changes (reports coalesce
 * while one is on the wire, so a slow link never holds up the fsyncs) and at least every 250 ms.
 * A plain socket because this runs hundreds of times a second and java.net.http's per-request
 * machinery cost more CPU than the rest of the replica.
 */
final class ProgressReporter implements AutoCloseable {
    private static final long HEARTBEAT_NANOS = 250_000_000;
    private static final int TIMEOUT_MILLIS = 2_000;

    private final String region;
    private final Supplier<String> writer;
    private final LongSupplier durable;
    private final LongSupplier epoch;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Socket socket;
    private String socketWriter;
    private InputStream in;

    ProgressReporter(String region, Supplier<String> writer, LongSupplier durable, LongSupplier epoch) {
        this.region = region;
        this.writer = writer;
        this.durable = durable;
        this.epoch = epoch;
        this.thread = Thread.ofPlatform().daemon().name("replica-report-" + region).start(this::loop);
    }

    /** Something new is durable: report it soon. */
    void changed() {
        LockSupport.unpark(thread);
    }

    private void loop() {
        long sent = -1;
        long sentAt = System.nanoTime();
        while (running) {
            LockSupport.parkNanos(HEARTBEAT_NANOS);
            String target = writer.get();
            long index = durable.getAsLong();
            if (!running || target == null || (index == sent && target.equals(socketWriter) && System.nanoTime() - sentAt < HEARTBEAT_NANOS)) {
                continue;
            }
            try {
                send(target, index);
                sent = index;
                sentAt = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                disconnect(); // the writer changed or the link broke: the next report opens a new connection
                LockSupport.parkNanos(100_000_000);
            }
        }
        disconnect();
    }

    private void send(String target, long index) throws IOException {
        if (socket == null || !target.equals(socketWriter)) {
            disconnect();
            URI uri = URI.create(target);
            Socket opened = ClientTls.connect(uri, TIMEOUT_MILLIS); // TLS to an https:// writer
            opened.setSoTimeout(TIMEOUT_MILLIS);
            socket = opened;
            socketWriter = target;
            in = new BufferedInputStream(opened.getInputStream(), 4096);
        }
        OutputStream out = socket.getOutputStream();
        out.write(("GET /log-ack?region=" + region + "&epoch=" + epoch.getAsLong() + "&durable=" + index + " HTTP/1.1\r\nHost: "
                + socketWriter.substring(socketWriter.indexOf("//") + 2) + "\r\n" + io.pilotlight.http.auth.ClientToken.headerLine() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        LogStream.line(in); // status: 204, or 421 from a node that is no longer the writer (the stream notices that too)
        long length = 0;
        for (String header = LogStream.line(in); !header.isEmpty(); header = LogStream.line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring(header.indexOf(':') + 1).trim());
            }
        }
        in.skipNBytes(length);
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        socketWriter = null;
        in = null;
    }

    @Override
    public void close() {
        running = false;
        Socket current = socket;
        if (current != null) {
            try {
                current.close(); // wakes a report waiting for its answer
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
