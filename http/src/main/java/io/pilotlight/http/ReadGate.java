package io.pilotlight.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Stops a connection's reads while it has too many requests waiting (the first handler of its
 * pipeline, on the socket's side). Turning auto-read off alone is not enough: a decoder in the
 * middle of a message asks for one more read itself, and a pipelining client's reads often end
 * mid-message, so they would go on. Event-loop only.
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {
    private ChannelHandlerContext context;
    private boolean shut;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    boolean isShut() {
        return shut;
    }

    void shut() {
        shut = true;
        context.channel().config().setAutoRead(false);
    }

    void open() {
        shut = false;
        context.channel().config().setAutoRead(true); // and reads at once
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (!shut) {
            ctx.read();
        }
    }
}
