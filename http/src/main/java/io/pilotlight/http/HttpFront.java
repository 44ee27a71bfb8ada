package io.pilotlight.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server (Netty, epoll where available) for the store's API. Routes are matched
 * by path prefix, longest first. An {@link Mode#INLINE} route runs on the connection's event loop
 * and must not block (it may answer later from another thread, as a write answers when its group
 * commit is done); a {@link Mode#BLOCKING} route runs on a virtual thread of its own; a
 * {@link Mode#STREAM} route (a long answer that waits again and again, like the replication
 * stream) on a platform thread of its own, because each timed wait of a virtual thread costs a
 * timer task (measured: about 10 µs a write on the writer's stream).
 */
public final class HttpFront implements AutoCloseable {
    /** The largest request body accepted; a bigger one gets 413. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /**
     * The longest request line (method, target, version) accepted; a longer one gets 414 and the
     * connection is closed. Far above what the API's own limits need (a key of 4,096 bytes, every
     * byte percent-encoded, is 12,288 characters), so those limits answer with their own message.
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
    private final ChannelGroup connections = new DefaultChannelGroup("store-http", GlobalEventExecutor.INSTANCE);

    private HttpFront(InetSocketAddress listen, List<Mounted> routes, int threads) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("store-http", true), io);
        List<Mounted> longestFirst = routes.stream().sorted(Comparator.comparingInt((Mounted m) -> m.prefix().length()).reversed()).toList();
        try {
            this.server = new ServerBootstrap().group(loops).channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true) // small answers must not wait for the peer's delayed ACK
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            HttpDecoderConfig decoding = new HttpDecoderConfig()
                                    .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES).setMaxHeaderSize(MAX_HEADER_BYTES);
                            ReadGate gate = new ReadGate();
                            ch.pipeline().addLast(gate, new HttpServerCodec(decoding, MAX_PIPELINE_DEPTH), new HttpServerKeepAliveHandler(),
                                    new HttpObjectAggregator(MAX_BODY_BYTES), new Dispatcher(longestFirst, blocking, gate));
                        }
                    })
                    .bind(listen).sync().channel();
        } catch (Exception e) {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + listen.getHostString() + ":" + listen.getPort() + ": " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }

    public static final class Builder {
        private final List<Mounted> routes = new ArrayList<>();
        private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

        public Builder route(String prefix, Mode mode, Route route) {
            routes.add(new Mounted(prefix, mode, route));
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public HttpFront listen(InetSocketAddress address) throws IOException {
            return new HttpFront(address, routes, threads);
        }
    }
}
