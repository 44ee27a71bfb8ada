package io.pilotlight.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One connection's requests, answered in order: a request that arrives while the previous one is
 * still being answered (a pipelining client) waits for it, so answers can never overtake each other
 * even though a write is answered later, from the group-commit thread. While {@link #PAUSE_AT}
 * requests (or {@link #PAUSE_AT_BYTES} of bodies) wait, the connection is not read ({@link ReadGate})
 * until half have gone: a client that pipelines thousands of requests is slowed down by TCP, not
 * queued in memory without bound.
 */
final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final int PAUSE_AT = 64;
    static final int PAUSE_AT_BYTES = 4 * 1024 * 1024;
    private final List<HttpFront.Mounted> routes;
    private final Route notFound;
    private final Executor blocking;
    private final ReadGate gate;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean busy;

    Dispatcher(List<HttpFront.Mounted> routes, Route notFound, Executor blocking, ReadGate gate) {
        this.routes = routes;
        this.notFound = notFound;
        this.blocking = blocking;
        this.gate = gate;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            waiting.add(request.retain());
            waitingBytes += request.content().readableBytes();
            if (waiting.size() >= PAUSE_AT || waitingBytes >= PAUSE_AT_BYTES) {
                gate.shut();
            }
        } else {
            dispatch(ctx, request);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        HttpReply reply = new HttpReply(ctx.channel(), blocking, () -> ctx.executor().execute(() -> next(ctx)));
        if (!request.decoderResult().isSuccess()) {
            unparsable(reply, request.decoderResult().cause());
            return;
        }
        HttpCall call;
        try {
            call = HttpCall.of(request.method().name(), request.uri(), request.headers()::get, ByteBufUtil.getBytes(request.content()),
                    peerCertificate(ctx));
        } catch (IllegalArgumentException badQuery) {
            reply.send(400, "application/json", error("bad_request", badQuery.getMessage()));
            return;
        }
        HttpFront.Mounted mounted = routes.stream().filter(m -> m.matches(call.rawPath())).findFirst().orElse(null);
        if (mounted == null) {
            run(notFound, call, reply);
        } else {
            switch (mounted.mode()) {
                case INLINE -> run(mounted.route(), call, reply);
                case BLOCKING -> blocking.execute(() -> run(mounted.route(), call, reply));
                case STREAM -> Thread.ofPlatform().daemon().name(mounted.prefix().substring(1) + "-stream")
                        .start(() -> run(mounted.route(), call, reply));
            }
        }
    }

    /** The client's certificate on a TLS connection where it showed one (the handshake has verified it against the CA), else null. */
    private static X509Certificate peerCertificate(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /**
     * A request the HTTP decoder could not frame. Its bytes may run into the next request's, so
     * the connection is closed once the answer (and any before it) is sent.
     */
    private static void unparsable(HttpReply reply, Throwable cause) {
        Map<String, String> close = Map.of("Connection", "close");
        if (cause instanceof TooLongHttpLineException) {
            reply.send(414, "application/json", close, error("bad_request", "the request line is longer than "
                    + HttpFront.MAX_REQUEST_LINE_BYTES + " bytes, the limit (method, path and query)"));
        } else if (cause instanceof TooLongHttpHeaderException) {
            reply.send(431, "application/json", close, error("bad_request", "the request headers are longer than "
                    + HttpFront.MAX_HEADER_BYTES + " bytes, the limit"));
        } else {
            reply.send(400, "application/json", close, error("bad_request", "malformed HTTP request: " + cause));
        }
    }

    /** The answer to a path no route serves. */
    static void notFound(HttpCall call, HttpReply reply) {
        reply.send(404, "application/json", error("not_found", "no such path: " + UriText.shown(call.rawPath())));
    }

    static void run(Route route, HttpCall call, HttpReply reply) {
        try {
            route.handle(call, reply);
        } catch (IllegalArgumentException e) {
            reply.send(400, "application/json", error("bad_request", String.valueOf(e.getMessage())));
        } catch (Exception | StackOverflowError e) {
            reply.send(500, "application/json", error("internal", e.toString()));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest queued = waiting.poll();
        if (queued != null) {
            waitingBytes -= queued.content().readableBytes();
            if (gate.isShut() && waiting.size() < PAUSE_AT / 2 && waitingBytes < PAUSE_AT_BYTES / 2) {
                gate.open();
            }
            try {
                dispatch(ctx, queued);
            } finally {
                queued.release();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        waitingBytes = 0;
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the peer, mostly; nothing to answer
    }

    static byte[] error(String code, String message) {
        return ("{\"error\":\"" + code + "\",\"message\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
