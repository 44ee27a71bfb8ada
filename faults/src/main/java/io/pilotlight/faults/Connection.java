package io.pilotlight.faults;

import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One proxied connection: a client socket, an upstream socket, and a {@link Pipe} each way. */
final class Connection {
    private final String name;
    private final Socket client;
    private final Socket upstream;
    private final Pipe up;
    private final Pipe down;
    private final Consumer<Connection> onClose;
    private final AtomicInteger ended = new AtomicInteger();
    private boolean started;
    private boolean closed;

    Connection(String name, Socket client, Socket upstream, Wire upWire, Wire downWire, SplittableRandom random,
               Consumer<Connection> onClose) {
        this.name = name;
        this.client = client;
        this.upstream = upstream;
        this.onClose = onClose;
        this.up = new Pipe(upWire, client, upstream, random.split(), this);
        this.down = new Pipe(downWire, upstream, client, random.split(), this);
    }

    /** Starts both pipes, unless the connection was closed first. */
    synchronized void start() {
        if (!closed) {
            up.start(name);
            down.start(name);
            started = true;
        }
    }

    /** One direction delivered its end of stream; when both have, the connection is done. */
    void ended() {
        if (ended.incrementAndGet() == 2) {
            close(false);
        }
    }

    /** Resets both sides now (RST); false when the connection was already closed. */
    boolean reset() {
        return close(true);
    }

    private boolean close(boolean abort) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            if (abort) {
                Sockets.reset(client);
                Sockets.reset(upstream);
            } else {
                Sockets.close(client);
                Sockets.close(upstream);
            }
            if (started) {
                up.stop();
                down.stop();
            }
        }
        onClose.accept(this);
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
