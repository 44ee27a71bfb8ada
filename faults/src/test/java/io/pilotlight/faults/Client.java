package io.pilotlight.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking test client with a read timeout, so no test hangs. */
final class Client implements AutoCloseable {
    final Socket socket = new Socket();

    Client(InetSocketAddress address) throws IOException {
        socket.connect(address, 2_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    /** Reads exactly {@code n} bytes. */
    byte[] read(int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        if (bytes.length < n) {
            throw new IOException("end of stream after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    String readText(int n) throws IOException {
        return new String(read(n), StandardCharsets.UTF_8);
    }

    /** True when nothing arrives within {@code quiet}. */
    boolean silentFor(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("end of stream while expecting silence");
            }
            return false;
        } catch (SocketTimeoutException quietEnough) {
            return true;
        } finally {
            socket.setSoTimeout(5_000);
        }
    }

    /** Sends {@code size} bytes to an echo server and reads them back; returns the round trip in nanoseconds. */
    long roundTrip(int size) throws IOException {
        byte[] payload = new byte[size];
        long start = System.nanoTime();
        send(payload);
        read(size);
        return System.nanoTime() - start;
    }

    /** What a read returns once the connection has been reset or closed: -1 or an exception's message. */
    String readUntilBroken() {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return "end of stream";
                }
            }
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Connects and reads until the connection breaks; the proxy may reset it so early that connecting fails. */
    static String brokenConnection(InetSocketAddress address) {
        try (Client client = new Client(address)) {
            return client.readUntilBroken();
        } catch (IOException failedToConnect) {
            return failedToConnect.getMessage();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
