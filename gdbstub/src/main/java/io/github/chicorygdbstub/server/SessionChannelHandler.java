package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspAckHandler;
import io.github.chicorygdbstub.codec.RspBadPacket;
import io.github.chicorygdbstub.codec.RspInterrupt;
import io.github.chicorygdbstub.codec.RspPacket;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds decoded packets of one connection to its {@link Session}. */
final class SessionChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionChannelHandler.class);

    private final SessionSlot slot;
    private final RspAckHandler acks;
    private final Function<ChannelPacketSink, Session> sessionFactory;
    private final SessionListener listener;
    private Session session;

    SessionChannelHandler(SessionSlot slot, RspAckHandler acks, Function<ChannelPacketSink, Session> sessionFactory,
            SessionListener listener) {
        this.slot = slot;
        this.acks = acks;
        this.sessionFactory = sessionFactory;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!slot.claim(ctx.channel())) {
            LOG.warn("refused {}: another debugger is attached", ctx.channel().remoteAddress());
            var sink = new ChannelPacketSink(ctx.channel(), acks);
            sink.send(RspReply.of("O" + Hex.encodeText(
                    "chicory-gdbstub: another debugger is already attached to this guest\n")));
            sink.send(RspReply.of("E10"));
            sink.close();
            return;
        }
        LOG.info("debugger connected from {}", ctx.channel().remoteAddress());
        session = sessionFactory.apply(new ChannelPacketSink(ctx.channel(), acks));
        session.start();
        listener.connected(ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (session == null) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof RspPacket packet) {
            session.handle(packet.payload());
        } else if (message instanceof RspInterrupt) {
            session.interrupt();
        } else if (message instanceof RspBadPacket bad && bad.reason() == RspBadPacket.Reason.OVERSIZED) {
            session.oversizedPacket();
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            LOG.info("debugger disconnected");
            // Before the session lets the guest go, so that a kill requested by the listener comes first.
            listener.disconnected(ctx.channel().remoteAddress());
            session.end();
            session = null;
            slot.release(ctx.channel());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) {
            LOG.warn("connection error, closing it: {}", cause.toString());
            ctx.close();
        } else {
            // A stop reply or console line written as the connection closed: the close was reported already.
            LOG.debug("write to a closed connection failed: {}", cause.toString());
        }
    }
}
