package io.pilotlight.store.netns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A loopback port of the test's JVM (root namespace) that reaches {@code ADDRESS:PORT} as seen from
 * inside one host: each connection goes over a Unix socket (the file system is shared by every
 * namespace) to a relay process running in that host ({@code NetnsProbe relay}), which connects on.
 * The relay is a process of the host: killing the host ends the forward; a partition of the host cuts
 * what the relay reaches through the host's link, as it would for any process there.
 */
public final class NetnsForward implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private final Process relay;

    NetnsForward(NetnsHosts hosts, String host, String address, int port, Path socket) {
        this.socket = socket;
        String log = "forward-" + host + "-" + address + "-" + port + ".log";
        this.relay = hosts.exec(host, log, NetnsProbe.command("relay", socket.toString(), address, Integer.toString(port)).toArray(String[]::new));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket)) {
            if (!relay.isAlive() || System.nanoTime() > until) {
                relay.destroyForcibly();
                throw new IllegalStateException("the relay in host " + host + " to " + address + ":" + port + " did not start; see "
                        + hosts.logDir().resolve(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                relay.destroyForcibly();
                throw new IllegalStateException("interrupted while starting a relay", e);
            }
        }
        try {
            this.server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            relay.destroyForcibly();
            throw new IllegalStateException("cannot listen on loopback: " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("netns-forward-" + port()).start(this::accept);
    }

    /** The loopback port to connect to (on 127.0.0.1). */
    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("the forward is closed", e);
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (client; SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        client.socket().setTcpNoDelay(true);
                        unix.connect(UnixDomainSocketAddress.of(socket));
                        bridge(client, unix);
                    } catch (IOException e) {
                        // the relay is gone (its host killed): the client sees its connection closed
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies both ways; an end of stream is passed on as a half-close, an error closes both; returns when both ways ended. */
    static void bridge(SocketChannel one, SocketChannel other) {
        Thread back = Thread.ofVirtual().start(() -> pump(other, one));
        pump(one, other);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16384);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException ended) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly0();
        relay.destroyForcibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // the hosts' clean-up removes its directory
        }
    }

    private void closeQuietly0() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
