package io.pilotlight.health;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP endpoint that misbehaves on purpose: it accepts and then does what the test says (nothing
 * at all, drip bytes, send garbage), holding every connection open until it is closed.
 */
final class RawServer implements AutoCloseable {
    interface Behaviour {
        void serve(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    RawServer(Behaviour behaviour) {
        try {
            listener = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    open.add(socket);
                    Thread.ofVirtual().start(() -> {
                        try {
                            behaviour.serve(socket);
                        } catch (IOException | InterruptedException ignored) {
                            // the client gave up, as it should
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Accepts and never answers. */
    static RawServer hanging() {
        return new RawServer(socket -> Thread.sleep(Long.MAX_VALUE));
    }

    /** Sends {@code text} and keeps the connection open. */
    static RawServer answering(String text) {
        return new RawServer(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(Long.MAX_VALUE);
        });
    }

    /** Sends a status line, then one header byte every {@code everyMillis} forever. */
    static RawServer dripping(long everyMillis) {
        return new RawServer(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            while (true) {
                out.write('a');
                out.flush();
                Thread.sleep(everyMillis);
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    int accepted() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
