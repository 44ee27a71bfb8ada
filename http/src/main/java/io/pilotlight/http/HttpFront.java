package io.pilotlight.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pilotlight.http.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP/1.1 server of every Pilotlight component (Netty; epoll where available and allowed, see {@code NativeIo}). Routes are
 * matched by path prefix on segment boundaries, longest first; anything else gets a JSON 404. An
 * {@link Mode#INLINE} route runs on the connection's event loop and must not block (it may answer
 * later from another thread, as a store write answers when its group commit is done); a
 * {@link Mode#BLOCKING} route runs on a virtual thread of its own; a {@link Mode#STREAM} route (a
 * long answer that waits again and again, like the replication stream) on a platform thread of its
 * own, because each timed wait of a virtual thread costs a timer task (measured: about 10 µs a
 * write on the writer's stream).
 *
 * <p>What every server will need in the same way (bearer tokens, metrics, access logs) goes in
 * {@link Builder#filter}; TLS is an option of the {@link Builder} ({@link Builder#tls}) whose handler goes
 * first in each connection's pipeline, so a client that fails the handshake (no certificate where one
 * is required, one from another CA) never reaches HTTP.
 */
public final class HttpFront implements AutoCloseable {
    /** The largest request body accepted; a bigger one gets 413. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /**
     * The longest request line (method, target, version) accepted; a longer one gets 414 and the
     * connection is closed. Far above what the store API's own limits need (a key of 4,096 bytes,
     * every byte percent-encoded, is 12,288 characters), so those limits answer with their own message.
     */
    public static final int MAX_REQUEST_LINE_BYTES = 64 * 1024;
    /** The most header bytes accepted (Netty's default); more gets 431 and the connection is closed. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /**
     * How many requests the HTTP codec lets a connection have decoded and not yet answered before
     * it drops the connection (Netty's default is 128). The dispatcher's back pressure is what
     * bounds this: it stops reading ({@link ReadGate}) at {@link Dispatcher#PAUSE_AT} waiting, but
     * the bytes of the read in hand (up to 64 KiB, a few thousand tiny requests) are still decoded,
     * hence the margin.
     */
    static final int MAX_PIPELINE_DEPTH = 16 * 1024;

    public enum Mode { INLINE, BLOCKING, STREAM }

    record Mounted(String prefix, Mode mode, Route route) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        }
    }

    private final EventLoopGroup loops;
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    private final Channel server;
    /** Every open connection, closed explicitly on close: a keep-alive client must see the end, not a silent socket. */
    private final ChannelGroup connections;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpFront(InetSocketAddress listen, Builder settings) throws IOException {
        boolean epoll = NativeIo.useEpoll();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.loops = new MultiThreadIoEventLoopGroup(settings.threads, new DefaultThreadFactory(settings.name, true), io);
        this.connections = new DefaultChannelGroup(settings.name, GlobalEventExecutor.INSTANCE);
        List<Mounted> longestFirst = settings.routes.stream()
                .map(m -> new Mounted(m.prefix(), m.mode(), filtered(settings.filters, m.route())))
                .sorted(Comparator.comparingInt((Mounted m) -> m.prefix().length()).reversed()).toList();
        Route notFound = filtered(settings.filters, Dispatcher::notFound);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true) // small answers must not wait for the peer's delayed ACK
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            pipeline(ch, settings.tls, longestFirst, notFound);
                        }
                    });
            if (settings.reusePort) {
                sharePort(bootstrap, epoll);
            }
            this.server = bootstrap.bind(listen).sync().channel();
        } catch (Exception e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + listen.getHostString() + ":" + listen.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** The handlers of one connection, from the socket in: TLS first when the server speaks it. */
    private void pipeline(SocketChannel ch, ServerTls tls, List<Mounted> routes, Route notFound) {
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES).setMaxHeaderSize(MAX_HEADER_BYTES);
        ReadGate gate = new ReadGate();
        if (tls != null) {
            ch.pipeline().addLast(tls.context().newHandler(ch.alloc()));
        }
        ch.pipeline().addLast(gate, new HttpServerCodec(decoding, MAX_PIPELINE_DEPTH), new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(MAX_BODY_BYTES), new Dispatcher(routes, notFound, blocking, gate));
    }

    private static void sharePort(ServerBootstrap bootstrap, boolean epoll) {
        if (epoll) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        } else {
            bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
    }

    private static Route filtered(List<Filter> filters, Route route) {
        Route chain = route;
        for (int i = filters.size() - 1; i >= 0; i--) {
            chain = filters.get(i).before(chain);
        }
        return chain;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops listening, closes every connection and stops the threads; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }

    /** What a server serves and how; {@link #listen} starts it. */
    public static final class Builder {
        private final List<Mounted> routes = new ArrayList<>();
        private final List<Filter> filters = new ArrayList<>();
        private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private String name = "http";
        private boolean reusePort;
        private ServerTls tls;

        /** Serves {@code prefix} and the paths under it ({@code /kv} serves {@code /kv} and {@code /kv/a}, not {@code /kvx}). */
        public Builder route(String prefix, Mode mode, Route route) {
            if (prefix == null || !prefix.startsWith("/")) {
                throw new IllegalArgumentException("route prefix is \"" + prefix + "\"; allowed: a path starting with /");
            }
            routes.add(new Mounted(prefix, mode, route));
            return this;
        }

        /** Runs {@code filter} before every route, after the filters added before it. */
        public Builder filter(Filter filter) {
            filters.add(filter);
            return this;
        }

        /** How many event-loop threads (default: the processors, at most 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads is " + threads + "; allowed: 1 or more");
            }
            this.threads = threads;
            return this;
        }

        /** The event-loop threads' name, for thread dumps (default {@code http}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Lets other sockets listen on the same address (SO_REUSEPORT): the kernel spreads connections over them. */
        public Builder reusePort(boolean reusePort) {
            this.reusePort = reusePort;
            return this;
        }

        /** Speaks TLS on every connection (null: plain HTTP, the default). */
        public Builder tls(ServerTls tls) {
            this.tls = tls;
            return this;
        }

        public HttpFront listen(InetSocketAddress address) throws IOException {
            return new HttpFront(address, this);
        }
    }
}
