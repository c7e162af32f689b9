package io.github.chicorygdbstub.codec;

import static io.github.chicorygdbstub.codec.Wire.buffer;
import static io.github.chicorygdbstub.codec.Wire.frame;
import static io.github.chicorygdbstub.codec.Wire.inbound;
import static io.github.chicorygdbstub.codec.Wire.outbound;
import static io.github.chicorygdbstub.codec.Wire.packet;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RspAckHandlerTest {
    private final RspAckHandler acks = new RspAckHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RspFrameEncoder(), new RspFrameDecoder(64), acks);

    private void receive(String bytes) {
        channel.writeInbound(buffer(bytes));
    }

    private static ByteBuf text(String payload) {
        return Unpooled.buffer().writeBytes(payload.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void acknowledgesAGoodPacketAndPassesItOn() {
        receive(frame("qSupported"));
        assertThat(outbound(channel)).isEqualTo("+");
        assertThat(inbound(channel)).containsExactly(packet("qSupported"));
    }

    @Test
    void theAckGoesOutBeforeAReplyWrittenWhileHandlingThePacket() {
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                ctx.writeAndFlush(RspReply.of("OK"));
            }
        });
        receive(frame("QStartNoAckMode"));
        assertThat(outbound(channel)).isEqualTo("+$OK#9a");
    }

    @Test
    void naksAndDropsABadChecksum() {
        receive("$OK#00");
        assertThat(outbound(channel)).isEqualTo("-");
        assertThat(inbound(channel)).isEmpty();
    }

    @Test
    void acknowledgesAnOversizedPacketAndPassesItOn() {
        receive(frame("M0,40:" + "00".repeat(64)));
        assertThat(outbound(channel)).isEqualTo("+");
        assertThat(inbound(channel)).containsExactly(RspBadPacket.OVERSIZED);
    }

    @Test
    void swallowsAcksAndPassesInterruptsOn() {
        receive("+\u0003+");
        assertThat(outbound(channel)).isEmpty();
        assertThat(inbound(channel)).containsExactly(RspInterrupt.INSTANCE);
    }

    @Test
    void resendsTheLastReplyOnEachNak() {
        channel.writeOutbound(RspReply.of("E03"));
        channel.writeOutbound(RspReply.of("OK"));
        assertThat(outbound(channel)).isEqualTo("$E03#a8$OK#9a");
        receive("-");
        receive("-");
        assertThat(outbound(channel)).isEqualTo("$OK#9a$OK#9a");
        assertThat(inbound(channel)).isEmpty();
    }

    @Test
    void resendsABufferReplyAndKeepsOnlyTheLastOne() {
        ByteBuf first = text("0061736d");
        ByteBuf second = text("01000000");
        channel.writeOutbound(RspReply.ofBuffer(first));
        channel.writeOutbound(RspReply.ofBuffer(second));
        outbound(channel);
        assertThat(first.refCnt()).as("superseded reply freed").isZero();
        assertThat(second.refCnt()).as("last reply kept for a resend").isEqualTo(1);
        receive("-");
        assertThat(outbound(channel)).isEqualTo(frame("01000000"));
        assertThat(second.refCnt()).isEqualTo(1);
        channel.close();
        assertThat(second.refCnt()).as("freed when the connection closes").isZero();
    }

    @Test
    void resendsABinaryReplyEscapedAgain() {
        channel.writeOutbound(RspReply.binary(Unpooled.wrappedBuffer(new byte[] {'l', '#'})));
        String first = outbound(channel);
        receive("-");
        assertThat(outbound(channel)).isEqualTo(first).isEqualTo(frame("l}\u0003"));
    }

    @Test
    void ignoresANakBeforeAnyReply() {
        receive("-");
        assertThat(outbound(channel)).isEmpty();
        assertThat(inbound(channel)).isEmpty();
    }

    @Test
    void inNoAckModeSendsNoAcksAndPassesBadPacketsOn() {
        acks.disableAcks();
        assertThat(acks.acksEnabled()).isFalse();
        receive(frame("g") + "$OK#00" + frame("M0,40:" + "00".repeat(64)) + "+-\u0003");
        assertThat(outbound(channel)).isEmpty();
        assertThat(inbound(channel)).containsExactly(
                packet("g"), RspBadPacket.BAD_CHECKSUM, RspBadPacket.OVERSIZED, RspInterrupt.INSTANCE);
    }

    @Test
    void inNoAckModeANakResendsNothingAndNoReplyIsKept() {
        ByteBuf payload = text("OK");
        acks.disableAcks();
        channel.writeOutbound(RspReply.ofBuffer(payload));
        assertThat(outbound(channel)).isEqualTo("$OK#9a");
        assertThat(payload.refCnt()).isZero();
        receive("-");
        assertThat(outbound(channel)).isEmpty();
    }

    @Test
    void switchingOffFreesTheKeptReply() {
        ByteBuf payload = text("OK");
        channel.writeOutbound(RspReply.ofBuffer(payload));
        outbound(channel);
        assertThat(payload.refCnt()).isEqualTo(1);
        acks.disableAcks();
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void followsLldbsNoAckHandshake() {
        // LLDB: '+', then QStartNoAckMode; the stub acks it, replies OK, switches; LLDB acks the OK with '+'.
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message.equals(packet("QStartNoAckMode"))) {
                    ctx.writeAndFlush(RspReply.of("OK"));
                    acks.disableAcks();
                } else {
                    ctx.fireChannelRead(message);
                }
            }
        });
        receive("+" + frame("QStartNoAckMode"));
        assertThat(outbound(channel)).isEqualTo("+$OK#9a");
        receive("+" + frame("qSupported:xmlRegisters=i386"));
        assertThat(outbound(channel)).isEmpty();
        assertThat(inbound(channel)).containsExactly(packet("qSupported:xmlRegisters=i386"));
    }

    @Test
    void disablingFromAnotherThreadRunsOnTheEventLoop() throws Exception {
        var loop = new DefaultEventLoop();
        try {
            var local = new LocalChannel();
            var handler = new RspAckHandler();
            local.pipeline().addLast(handler);
            loop.register(local).sync();
            var release = new CountDownLatch(1);
            var blocked = new CountDownLatch(1);
            loop.execute(() -> {
                blocked.countDown();
                awaitQuietly(release);
            });
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            handler.disableAcks();
            assertThat(handler.acksEnabled()).as("queued behind the busy event loop, not run here").isTrue();
            release.countDown();
            assertThat(loop.submit(handler::acksEnabled).get(10, TimeUnit.SECONDS)).isFalse();
            local.close().sync();
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
