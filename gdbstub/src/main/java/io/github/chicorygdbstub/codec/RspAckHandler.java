package io.github.chicorygdbstub.codec;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The acknowledgement protocol, so that the session above it sees only what it must answer.
 *
 * <p>Sits between {@link RspFrameDecoder} and the session. While acknowledgements are on (the state every
 * connection starts in):
 *
 * <ul>
 *   <li>a good {@link RspPacket} is acknowledged with {@code +} (written and flushed before the packet is
 *       passed on, so the {@code +} always precedes the reply), then passed on;
 *   <li>a {@link RspBadPacket.Reason#BAD_CHECKSUM bad checksum} is answered with {@code -} and dropped: the
 *       client resends it;
 *   <li>an {@link RspBadPacket.Reason#OVERSIZED oversized} packet is acknowledged with {@code +}, since it was
 *       received whole and resending would not help, and passed on so the session can answer with an error;
 *   <li>an {@link RspNak} makes this handler resend the last {@link RspReply} written through it. Only that
 *       one reply is kept (a retained duplicate), so memory stays bounded by the largest single reply.
 * </ul>
 *
 * <p>After {@link #disableAcks()} no {@code +} or {@code -} is sent and no reply is kept; stray acks and naks
 * from the client are swallowed, and a bad-checksum packet is passed on (the client will not resend it in
 * no-ack mode, so the session may want to log it). {@link RspAck} is always swallowed: clients send one on
 * connecting and one for the {@code OK} that switches acks off. {@link RspInterrupt} and anything else pass
 * through.
 *
 * <p>All state is confined to the channel's event loop; {@link #disableAcks()} moves itself there when called
 * from another thread. One instance per channel.
 */
public final class RspAckHandler extends ChannelDuplexHandler {
    private volatile boolean acksEnabled = true;
    private volatile ChannelHandlerContext context;
    private RspReply lastReply;

    /** Creates a handler in ack mode, the state in which both GDB and LLDB connect. */
    public RspAckHandler() {}

    /**
     * Switches to no-ack mode for the rest of the connection.
     *
     * <p>Call it after writing the {@code OK} reply to {@code QStartNoAckMode}: the {@code +} for that packet
     * was already sent when it arrived, and the {@code OK} itself needs no acknowledgement from us. Safe to
     * call from any thread: off the event loop it is queued behind whatever that thread wrote before, so the
     * {@code OK} still passes through in ack mode.
     */
    public void disableAcks() {
        ChannelHandlerContext ctx = context;
        if (ctx == null || ctx.executor().inEventLoop()) {
            switchToNoAck();
        } else {
            ctx.executor().execute(this::switchToNoAck);
        }
    }

    /** {@return whether {@code +}/{@code -} are still being exchanged} */
    public boolean acksEnabled() {
        return acksEnabled;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        forgetLastReply();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        forgetLastReply();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof RspPacket) {
            acknowledge(ctx, RspAckByte.ACK);
            ctx.fireChannelRead(message);
        } else if (message instanceof RspBadPacket bad) {
            if (bad.reason() == RspBadPacket.Reason.BAD_CHECKSUM) {
                if (acksEnabled) {
                    ctx.writeAndFlush(RspAckByte.NAK);
                } else {
                    ctx.fireChannelRead(message);
                }
            } else {
                acknowledge(ctx, RspAckByte.ACK);
                ctx.fireChannelRead(message);
            }
        } else if (message instanceof RspNak) {
            if (acksEnabled && lastReply != null) {
                // Straight to the encoder: a resend must not replace the kept reply with itself.
                ctx.writeAndFlush(lastReply.retainedDuplicate());
            }
        } else if (!(message instanceof RspAck)) {
            ctx.fireChannelRead(message);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (acksEnabled && message instanceof RspReply reply) {
            // Duplicate before passing it on: the encoder releases the reply it is given.
            RspReply kept = reply.retainedDuplicate();
            forgetLastReply();
            lastReply = kept;
        }
        ctx.write(message, promise);
    }

    private void acknowledge(ChannelHandlerContext ctx, RspAckByte ack) {
        if (acksEnabled) {
            ctx.writeAndFlush(ack);
        }
    }

    private void switchToNoAck() {
        acksEnabled = false;
        forgetLastReply();
    }

    private void forgetLastReply() {
        if (lastReply != null) {
            lastReply.release();
            lastReply = null;
        }
    }
}
