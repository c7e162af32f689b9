package io.github.chicorygdbstub.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Passes the client's decoded requests on only while their replies can go out.
 *
 * <p>Netty queues whatever its socket does not take, without limit. A client that sends request
 * after request and reads none of the replies (one that hung, or a script that never reads) would
 * make the server answer every one of them into memory: 20,000 reads of 64 KiB of the module are
 * 2.5 GiB of hex, and past the JVM's direct memory limit every allocation runs a garbage
 * collection, so the event loop crawled for minutes and noticed neither the client's hang-up nor
 * the next debugger. So while the channel is not writable (more than the high-water mark of replies
 * waits for the socket) requests wait here and the socket is not read; the client's own requests
 * then back up in its socket, where TCP stops it. The server holds at most the requests of one
 * read, the high-water mark and one reply.
 *
 * <p>Once the connection is closed nothing is passed on: a client that is gone needs no answers,
 * and working them out would delay the end of its session, and with it the next debugger.
 *
 * <p>Confined to the channel's event loop, like every inbound handler.
 */
final class RequestFlowControl extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    /** Set while requests are passed on, because a reply written then can flip writability back and call in again. */
    private boolean passing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            ReferenceCountUtil.release(message);
        } else if (waiting.isEmpty() && channel.isWritable()) {
            ctx.fireChannelRead(message);
        } else {
            waiting.add(message);
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            passWaiting(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropWaiting();
        ctx.fireChannelInactive();
    }

    private void passWaiting(ChannelHandlerContext ctx) {
        if (passing) {
            return;
        }
        passing = true;
        try {
            Channel channel = ctx.channel();
            while (!waiting.isEmpty() && channel.isWritable() && channel.isActive()) {
                ctx.fireChannelRead(waiting.poll());
            }
            if (waiting.isEmpty() && channel.isWritable()) {
                channel.config().setAutoRead(true);
            }
        } finally {
            passing = false;
        }
    }

    private void dropWaiting() {
        Object message;
        while ((message = waiting.poll()) != null) {
            ReferenceCountUtil.release(message);
        }
    }
}
