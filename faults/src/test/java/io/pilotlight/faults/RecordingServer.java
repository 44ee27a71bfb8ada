package io.pilotlight.faults;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what each connection sends it, and sends on demand: each direction can be watched alone. */
final class RecordingServer implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    final List<Peer> peers = new CopyOnWriteArrayList<>();

    static final class Peer {
        final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        volatile boolean ended;
        volatile IOException failure;

        Peer(Socket socket) {
            this.socket = socket;
        }

        synchronized String received() {
            return received.toString(StandardCharsets.UTF_8);
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }

        private void read() {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = socket.getInputStream();
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (this) {
                        received.write(buffer, 0, n);
                    }
                }
                ended = true;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    RecordingServer() throws IOException {
        Thread.ofVirtual().start(this::accept);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The {@code index}-th connection, waiting up to 5 s for it. */
    Peer peer(int index) {
        await().atMost(Duration.ofSeconds(5)).until(() -> peers.size() > index);
        return peers.get(index);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Peer peer = new Peer(socket);
                peers.add(peer);
                Thread.ofVirtual().start(peer::read);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Peer peer : peers) {
            peer.socket.close();
        }
    }
}
