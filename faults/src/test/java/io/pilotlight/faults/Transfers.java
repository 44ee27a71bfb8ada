package io.pilotlight.faults;

import java.io.IOException;
import java.io.OutputStream;

/** Bulk transfers through an echo server, writing and reading at once. */
final class Transfers {
    private Transfers() {
    }

    /** Sends {@code size} bytes and reads them all back; returns MiB per second of the whole exchange. */
    static double echoThroughput(Client client, int size) throws Exception {
        return size / (1024.0 * 1024.0) / (echo(client, size) / 1e9);
    }

    /** Sends {@code size} bytes and reads them all back; returns the nanoseconds it took. */
    static long echo(Client client, int size) throws Exception {
        client.socket.setSoTimeout(60_000);
        long start = System.nanoTime();
        Thread writer = Thread.ofVirtual().start(() -> {
            byte[] block = new byte[64 * 1024];
            try {
                OutputStream out = client.socket.getOutputStream();
                for (int sent = 0; sent < size; sent += block.length) {
                    out.write(block, 0, Math.min(block.length, size - sent));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        byte[] buffer = new byte[256 * 1024];
        long received = 0;
        while (received < size) {
            int n = client.socket.getInputStream().read(buffer);
            if (n < 0) {
                throw new IOException("end of stream after " + received + " bytes");
            }
            received += n;
        }
        long elapsed = System.nanoTime() - start;
        writer.join();
        return elapsed;
    }
}
