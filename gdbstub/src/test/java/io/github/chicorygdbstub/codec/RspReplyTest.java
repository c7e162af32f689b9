package io.github.chicorygdbstub.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RspReplyTest {

    @Test
    void refusesTextThatWouldBreakFramingOrDecoding() {
        for (String bad : new String[] {"a#b", "$", "0*", "caf\u00e9"}) {
            assertThatThrownBy(() -> RspReply.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void acceptsOrdinaryProtocolText() {
        RspReply reply = RspReply.of("PacketSize=4000;QStartNoAckMode+;qXfer:libraries:read+");
        assertThat(reply.isBinary()).isFalse();
        assertThat(reply.text()).isEqualTo("PacketSize=4000;QStartNoAckMode+;qXfer:libraries:read+");
    }

    @Test
    void emptyTextIsTheEmptyReply() {
        assertThat(RspReply.of("")).isSameAs(RspReply.EMPTY);
        assertThat(RspReply.EMPTY.payload().readableBytes()).isZero();
    }

    @Test
    void textRepliesSurviveRelease() {
        RspReply reply = RspReply.of("OK");
        assertThat(reply.release()).isFalse();
        assertThat(reply.refCnt()).isPositive();
        assertThat(reply.text()).isEqualTo("OK");
        assertThat(RspReply.EMPTY.release()).isFalse();
    }

    @Test
    void textPayloadsCannotBeModified() {
        assertThatThrownBy(() -> RspReply.of("OK").payload().setByte(0, 'X')).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aBufferReplyOwnsItsBuffer() {
        ByteBuf data = Unpooled.buffer().writeByte('m');
        RspReply reply = RspReply.binary(data);
        assertThat(reply.isBinary()).isTrue();
        RspReply copy = reply.retainedDuplicate();
        assertThat(data.refCnt()).isEqualTo(2);
        assertThat(reply.release()).isFalse();
        assertThat(copy.isBinary()).isTrue();
        assertThat(copy.text()).isEqualTo("m");
        assertThat(copy.release()).isTrue();
        assertThat(data.refCnt()).isZero();
        assertThat(reply.toString()).isEqualTo("RspReply[released]");
    }

    @Test
    void describesItselfBriefly() {
        assertThat(RspReply.of("OK").toString()).isEqualTo("RspReply[OK]");
        assertThat(RspReply.binary(Unpooled.wrappedBuffer(new byte[] {'l', 0})).toString())
                .isEqualTo("RspReply[binary, l\\x00]");
        assertThat(RspReply.ofBuffer(Unpooled.wrappedBuffer(new byte[1000])).toString()).endsWith("... (1000 bytes)]");
    }
}
