package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.session.LogContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;

/**
 * First in every pipeline: puts the server's {@link LogContext} in place around each inbound
 * event, so that whatever the handlers after it log on the event loop names the guest and port.
 * The context is also a channel attribute, for work scheduled on the channel ({@link Eviction}).
 */
final class LogContextHandler extends ChannelDuplexHandler {
    private static final AttributeKey<LogContext> CONTEXT = AttributeKey.valueOf(LogContextHandler.class, "context");

    private final LogContext context;

    LogContextHandler(LogContext context) {
        this.context = context;
    }

    /** {@return the log context of a channel's server, or {@link LogContext#NONE}} */
    static LogContext of(Channel channel) {
        LogContext context = channel.attr(CONTEXT).get();
        return context == null ? LogContext.NONE : context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().attr(CONTEXT).set(context);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        inScope(ctx::fireChannelActive);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inScope(ctx::fireChannelInactive);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        inScope(() -> ctx.fireChannelRead(message));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        inScope(ctx::fireChannelWritabilityChanged);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        inScope(() -> ctx.fireUserEventTriggered(event));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        inScope(() -> ctx.fireExceptionCaught(cause));
    }

    private void inScope(Runnable event) {
        try (var scope = context.enter()) {
            event.run();
        }
    }
}
