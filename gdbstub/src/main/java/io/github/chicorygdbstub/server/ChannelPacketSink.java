package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.codec.RspAckHandler;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketSink;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** A session's packets into a Netty channel; each packet is written and flushed once. */
final class ChannelPacketSink implements PacketSink {
    private final Channel channel;
    private final RspAckHandler acks;

    ChannelPacketSink(Channel channel, RspAckHandler acks) {
        this.channel = channel;
        this.acks = acks;
    }

    @Override
    public void send(RspReply reply) {
        channel.writeAndFlush(reply, channel.voidPromise());
    }

    @Override
    public void disableAcks() {
        acks.disableAcks();
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public ByteBufAllocator alloc() {
        return channel.alloc();
    }
}
