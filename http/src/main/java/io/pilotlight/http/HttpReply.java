package io.pilotlight.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer to one call: a whole body ({@link #send}) or a chunked stream ({@link #stream}).
 * Usable from any thread; only the first answer counts.
 */
public final class HttpReply {
    private final Channel channel;
    private final Executor blocking;
    private final Runnable done;
    private final AtomicBoolean answered = new AtomicBoolean();

    /** {@code done} runs once the answer is written (or failed to be): the connection's next request may go. */
    HttpReply(Channel channel, Executor blocking, Runnable done) {
        this.channel = channel;
        this.blocking = blocking;
        this.done = done;
    }

    /** The connection's event loop: where work that only builds and sends the answer is cheapest. */
    public Executor executor() {
        return channel.eventLoop();
    }

    /**
     * Goes on answering on a thread that may block, as a {@link HttpFront.Mode#BLOCKING} route does:
     * for an inline route that finds this call has slow work (a scan, a step-down).
     */
    public void offload(HttpCall call, Route rest) {
        blocking.execute(() -> Dispatcher.run(rest, call, this));
    }

    public void send(int status, String contentType, byte[] body) {
        send(status, contentType, Map.of(), body);
    }

    public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        headers.forEach(response.headers()::set);
        if (status != 204) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        finish(channel.writeAndFlush(response));
    }

    /**
     * Starts a chunked answer: each {@code flush()} of the returned stream sends what was written
     * since as one chunk. A flush waits only while the connection's send buffer is full (so a slow
     * reader slows the writer instead of filling memory), and fails once the peer is gone;
     * {@code close()} ends the answer.
     */
    public OutputStream stream(int status, String contentType, Map<String, String> headers) throws IOException {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("this call was already answered");
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        headers.forEach(response.headers()::set);
        return new ChunkStream(channel.writeAndFlush(response));
    }

    private void finish(ChannelFuture written) {
        if (channel.eventLoop().isShuttingDown()) {
            done.run(); // the server is closing: nobody is left to run a listener
            return;
        }
        written.addListener(f -> done.run());
    }

    private static void await(ChannelFuture written) throws IOException {
        try {
            written.sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (Exception e) {
            throw new IOException("the peer went away: " + e.getMessage(), e);
        }
    }

    private final class ChunkStream extends OutputStream {
        private ByteBuf pending = Unpooled.buffer(4096);
        private boolean closed;
        private ChannelFuture lastWrite;

        ChunkStream(ChannelFuture headWrite) {
            this.lastWrite = headWrite;
        }

        @Override
        public void write(int b) {
            pending.writeByte(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            pending.writeBytes(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (closed || pending.readableBytes() == 0) {
                return;
            }
            if (lastWrite.isDone() && !lastWrite.isSuccess() || !channel.isActive()) {
                throw new IOException("the peer went away: " + (lastWrite.cause() == null ? "connection closed" : lastWrite.cause().getMessage()));
            }
            if (!channel.isWritable()) {
                await(lastWrite); // the send buffer is full: wait until what was queued has gone out
            }
            ByteBuf chunk = pending;
            pending = Unpooled.buffer(Math.max(4096, chunk.readableBytes()));
            lastWrite = channel.writeAndFlush(new DefaultHttpContent(chunk));
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            try {
                flush();
            } finally {
                closed = true;
                pending.release();
                finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
            }
        }
    }
}
