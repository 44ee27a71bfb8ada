package io.pilotlight.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Accepts clients, decides per the faults in force whether each is refused, reset or proxied, and
 * keeps the open connections. Random draws happen on the accepting thread only, in accept order, so
 * a proxy's reset decisions and every connection's jitter follow from its seed.
 */
final class Acceptor {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.faults");

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Duration connectTimeout;
    private final Supplier<Faults> faults;
    private final Wire up;
    private final Wire down;
    private final Counters counters;
    private final SplittableRandom random;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread thread;
    private long accepted;

    Acceptor(ServerSocket server, InetSocketAddress upstream, Duration connectTimeout, long seed, Supplier<Faults> faults,
             Counters counters) {
        this.server = server;
        this.upstream = upstream;
        this.connectTimeout = connectTimeout;
        this.faults = faults;
        this.counters = counters;
        this.random = new SplittableRandom(seed);
        this.up = new Wire(Direction.UPSTREAM, faults, counters);
        this.down = new Wire(Direction.DOWNSTREAM, faults, counters);
    }

    /** Accepts until closed, on a thread of its own. */
    void start(String name) {
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                admit(server.accept());
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "proxy " + server.getLocalSocketAddress() + " stopped accepting", e);
                }
                return;
            }
        }
    }

    private void admit(Socket client) {
        counters.accepted.increment();
        Faults now = faults.get();
        double draw = random.nextDouble();
        SplittableRandom connectionRandom = random.split();
        String name = "faults-" + server.getLocalPort() + "-" + (++accepted);
        if (now.refuseConnections()) {
            counters.refused.increment();
            Sockets.reset(client);
        } else if (draw < now.resetProbability()) {
            counters.reset.increment();
            Sockets.reset(client);
        } else {
            Thread.ofVirtual().name(name + "-connect").start(() -> connect(name, client, connectionRandom));
        }
    }

    private void connect(String name, Socket client, SplittableRandom connectionRandom) {
        Socket target = new Socket();
        try {
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
            target.connect(upstream, (int) connectTimeout.toMillis());
        } catch (IOException unreachable) {
            counters.connectFailures.increment();
            Sockets.reset(client);
            Sockets.close(target);
            return;
        }
        Connection connection = new Connection(name, client, target, up, down, connectionRandom, open::remove);
        open.add(connection);
        if (closed) {
            connection.reset();
            return;
        }
        connection.start();
    }

    /** Resets every open connection; returns how many. */
    int resetAll() {
        int reset = 0;
        for (Connection connection : open) {
            if (connection.reset()) {
                reset++;
            }
        }
        counters.reset.add(reset);
        return reset;
    }

    int openConnections() {
        return open.size();
    }

    void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // A virtual thread blocked in accept() releases the listening socket only once it wakes:
        // wait for it, so that nothing can connect once close() has returned.
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(Connection::reset);
    }
}
