package io.pilotlight.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Semaphore;

/** DNS over TCP (RFC 7766): length-prefixed messages, several per connection, a virtual thread each. */
final class TcpTransport implements AutoCloseable {
    private static final int IDLE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_CONNECTIONS = 1_000;

    private final ServerSocket server;
    private final QueryProcessor processor;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Thread acceptor;

    TcpTransport(InetSocketAddress listen, QueryProcessor processor) throws IOException {
        this.processor = processor;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(listen, 512);
        this.acceptor = Thread.ofPlatform().daemon().name("dns-tcp-accept").start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!slots.tryAcquire()) {
                    socket.close(); // over the connection limit: shed load rather than queue
                    continue;
                }
                Thread.ofVirtual().name("dns-tcp").start(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
            while (true) {
                int length = in.readUnsignedShort();
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] response = processor.process(query, length, true);
                if (response == null) {
                    return; // unreadable: close, as RFC 7766 allows
                }
                out.writeShort(response.length);
                out.write(response);
                out.flush();
            }
        } catch (EOFException | SocketTimeoutException finished) {
            // client closed or went idle
        } catch (IOException e) {
            processor.dropped.increment();
        } finally {
            slots.release();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(2000);
        } catch (IOException | InterruptedException ignored) {
            // closing anyway
        }
    }
}
