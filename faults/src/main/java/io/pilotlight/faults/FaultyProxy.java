package io.pilotlight.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP proxy that stands for the network between two regions: it listens on a local address,
 * forwards every accepted connection to one upstream address, and injects the {@link Faults} in
 * force, which may change at any time and affect existing connections at once. See
 * {@code docs/faults.md} for the exact semantics.
 *
 * <pre>{@code
 * try (FaultyProxy proxy = FaultyProxy.builder(writerAddress).seed(42).start()) {
 *     proxy.faults(Faults.none().withLatency(Duration.ofMillis(20)));   // 40 ms round trip
 *     proxy.faults(proxy.faults().partitioned(Direction.UPSTREAM, Partition.DROP));
 *     proxy.resetAll();
 * }
 * }</pre>
 */
public final class FaultyProxy implements FaultTarget, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.pilotlight.faults");

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final long seed;
    private final Counters counters = new Counters();
    private final Acceptor acceptor;
    private volatile Faults faults;

    private FaultyProxy(Builder builder) throws IOException {
        this.upstream = builder.upstream;
        this.seed = builder.seed;
        this.faults = builder.faults;
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(builder.listen, 128);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + builder.listen + ": " + e.getMessage(), e);
        }
        this.acceptor = new Acceptor(server, upstream, builder.connectTimeout, seed, () -> this.faults, counters);
        acceptor.start("faults-" + server.getLocalPort() + "-accept");
    }

    /** A builder for a proxy to {@code upstream}. */
    public static Builder builder(InetSocketAddress upstream) {
        return new Builder(upstream);
    }

    /** The address clients connect to (with the port chosen when listening on port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Where connections are forwarded. */
    public InetSocketAddress upstream() {
        return upstream;
    }

    /** The seed of every random draw (jitter, reset probability): the same seed and traffic reproduce them. */
    public long seed() {
        return seed;
    }

    /** The faults in force. */
    public Faults faults() {
        return faults;
    }

    /** Switches faults now; open connections are affected from now on (see docs/faults.md). */
    @Override
    public void faults(Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
        LOG.log(System.Logger.Level.INFO, () -> "proxy " + address() + " -> " + upstream + ": " + faults.describe());
    }

    /** Resets every open connection now: both its client and upstream sockets get an RST. */
    @Override
    public int resetAll() {
        int reset = acceptor.resetAll();
        LOG.log(System.Logger.Level.INFO, () -> "proxy " + address() + " -> " + upstream + ": reset " + reset + " connections");
        return reset;
    }

    /** A snapshot of the counters. */
    public ProxyStats stats() {
        return counters.snapshot(acceptor.openConnections());
    }

    /** Stops listening and resets every open connection. */
    @Override
    public void close() {
        acceptor.close();
    }

    @Override
    public String toString() {
        return "FaultyProxy[" + address() + " -> " + upstream + ", " + faults.describe() + "]";
    }

    /** Settings of a proxy; all optional but the upstream. */
    public static final class Builder {
        private final InetSocketAddress upstream;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
        private Faults faults = Faults.NONE;
        private long seed = System.nanoTime();
        private Duration connectTimeout = Duration.ofSeconds(2);

        private Builder(InetSocketAddress upstream) {
            this.upstream = Require.nonNull("upstream", upstream);
        }

        /** Where to listen; default 127.0.0.1 on a free port. */
        public Builder listen(InetSocketAddress listen) {
            this.listen = Require.nonNull("listen", listen);
            return this;
        }

        /** The faults from the start; default none. */
        public Builder faults(Faults faults) {
            this.faults = Require.nonNull("faults", faults);
            return this;
        }

        /** Seed of the random draws; default from the clock (read it back with {@link FaultyProxy#seed()}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How long to wait for the upstream to accept a connection; 1 ms to 60 s, default 2 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Require.between("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofSeconds(60));
            return this;
        }

        /** Binds and starts accepting. */
        public FaultyProxy start() throws IOException {
            return new FaultyProxy(this);
        }
    }
}
