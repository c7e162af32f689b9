package io.github.chicorygdbstub.codec;

import static io.github.chicorygdbstub.codec.Wire.outbound;
import static io.github.chicorygdbstub.codec.Wire.payloadOf;
import static io.github.chicorygdbstub.codec.Wire.unescape;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RspFrameEncoderTest {

    private static String encode(RspFrameEncoder encoder, RspOutbound message) {
        var channel = new EmbeddedChannel(encoder);
        channel.writeOutbound(message);
        assertThat(channel.outboundMessages()).as("one buffer per message").hasSize(1);
        String written = outbound(channel);
        channel.finish();
        return written;
    }

    private static String encode(RspOutbound message) {
        return encode(new RspFrameEncoder(), message);
    }

    @Test
    void framesTheEmptyReply() {
        assertThat(encode(RspReply.EMPTY)).isEqualTo("$#00");
    }

    @Test
    void framesATextReplyWithALowercaseChecksum() {
        assertThat(encode(RspReply.of("OK"))).isEqualTo("$OK#9a");
        assertThat(encode(RspReply.of("E45"))).isEqualTo("$E45#ae");
    }

    @Test
    void writesAckBytesBare() {
        assertThat(encode(RspAckByte.ACK)).isEqualTo("+");
        assertThat(encode(RspAckByte.NAK)).isEqualTo("-");
    }

    @Test
    void writesATextReplyAgainAndAgain() {
        RspReply ok = RspReply.of("OK");
        var channel = new EmbeddedChannel(new RspFrameEncoder());
        channel.writeOutbound(ok);
        channel.writeOutbound(ok);
        assertThat(outbound(channel)).isEqualTo("$OK#9a$OK#9a");
        assertThat(ok.refCnt()).isPositive();
    }

    @Test
    void framesAndReleasesABufferReply() {
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.buffer();
        Hex.writeHex(payload, new byte[] {0x00, 0x61, 0x73, 0x6d}, 0, 4);
        String frame = encode(RspReply.ofBuffer(payload));
        assertThat(payloadOf(frame)).isEqualTo("0061736d");
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void framesALargeHexMemoryReply() {
        byte[] memory = new byte[64 * 1024];
        new Random(7).nextBytes(memory);
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer(memory.length * 2);
        Hex.writeHex(payload, memory, 0, memory.length);
        String frame = encode(RspReply.ofBuffer(payload));
        assertThat(frame).hasSize(128 * 1024 + 4);
        byte[] decoded = Hex.decode(Wire.bytes(payloadOf(frame)), 0, 128 * 1024);
        assertThat(decoded).isEqualTo(memory);
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void passesAPreFramedHexReplyThroughAndReleasesIt() {
        byte[] image = new byte[100_000];
        new Random(8).nextBytes(image);
        RspReply reply = RspReply.hex(PooledByteBufAllocator.DEFAULT, ByteBuffer.wrap(image).asReadOnlyBuffer(), 5, 65_536);

        String frame = encode(reply);

        // payloadOf verifies the checksum computed while encoding.
        assertThat(payloadOf(frame)).isEqualTo(HexFormat.of().formatHex(image, 5, 65_541));
        assertThat(reply.refCnt()).isZero();
    }

    @Test
    void aPreFramedReplyCanBeSentTwiceAndRunLengthEncoded() {
        RspReply reply = RspReply.hex(PooledByteBufAllocator.DEFAULT, ByteBuffer.wrap(new byte[16]), 0, 16);
        RspReply resend = reply.retainedDuplicate();
        assertThat(reply.text()).isEqualTo("0".repeat(32));

        assertThat(encode(reply)).isEqualTo(encode(resend)).isEqualTo("$" + "0".repeat(32) + "#00");
        var runLength = new RspFrameEncoder(true);
        assertThat(encode(runLength, RspReply.hex(PooledByteBufAllocator.DEFAULT, ByteBuffer.wrap(new byte[16]), 0, 16)))
                .isEqualTo(encode(runLength, RspReply.of("0".repeat(32))))
                .hasSizeLessThan(36);
    }

    @Test
    void escapesEveryMixOfSpecialAndOrdinaryBytesInEveryWordPosition() {
        byte[] alphabet = {'#', '$', '}', '*', 'a', 0, (byte) 0xff, 0x03, '#' ^ 0x20, (byte) ('}' + 0x80)};
        var random = new Random(11);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(data);
            assertThat(unescape(payloadOf(encode(RspReply.binary(direct))))).isEqualTo(data);
        }
    }

    @Test
    void escapesTheFourSpecialBytesOfABinaryReply() {
        ByteBuf data = Unpooled.wrappedBuffer(new byte[] {'l', '#', 'a', '$', '}', '*', 'z'});
        String frame = encode(RspReply.binary(data));
        assertThat(frame).startsWith("$l}\u0003a}\u0004}]}\nz#");
        // The checksum is over the escaped bytes; payloadOf checks it independently.
        assertThat(unescape(payloadOf(frame))).containsExactly('l', '#', 'a', '$', '}', '*', 'z');
        assertThat(data.refCnt()).isZero();
    }

    @Test
    void aBinaryReplyRoundTripsEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String frame = encode(RspReply.binary(Unpooled.wrappedBuffer(all)));
        assertThat(frame.chars().filter(c -> c == '*')).as("no raw '*' in binary data").isEmpty();
        assertThat(unescape(payloadOf(frame))).isEqualTo(all);
    }

    @Test
    void escapingWorksOnDirectBuffersAndRespectsTheReaderIndex() {
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer();
        data.writeBytes("skip#$m<x>}*</x>".getBytes(StandardCharsets.US_ASCII));
        data.skipBytes(6);
        String frame = encode(RspReply.binary(data));
        assertThat(new String(unescape(payloadOf(frame)), StandardCharsets.ISO_8859_1)).isEqualTo("m<x>}*</x>");
    }

    @Test
    void doesNotRunLengthEncodeByDefault() {
        assertThat(encode(RspReply.of("00000000"))).isEqualTo("$00000000#80");
        assertThat(new RspFrameEncoder().runLengthEncoding()).isFalse();
    }

    @Test
    void runLengthEncodesTextWhenEnabled() {
        var encoder = new RspFrameEncoder(true);
        assertThat(encoder.runLengthEncoding()).isTrue();
        // GDB manual's example: "0* " is four zeros.
        assertThat(payloadOf(encode(encoder, RspReply.of("0000")))).isEqualTo("0000");
        assertThat(encode(encoder, RspReply.of("0000"))).startsWith("$0* #");
        assertThat(encode(encoder, RspReply.of("000"))).startsWith("$000#");
    }

    @Test
    void neverRunLengthEncodesABinaryReply() {
        String frame = encode(new RspFrameEncoder(true), RspReply.binary(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0, 0, 0, 0, 0})));
        assertThat(frame).isEqualTo("$" + "\0".repeat(8) + "#00");
    }

    @Test
    void runLengthEncodingRoundTripsEveryRunLength() {
        var encoder = new RspFrameEncoder(true);
        for (int run = 1; run <= 400; run++) {
            String text = "T05" + "x".repeat(run) + "0" + "f".repeat(run / 2 + 1) + ";";
            String frame = encode(encoder, RspReply.of(text));
            assertThat(payloadOf(frame)).as("run of %d", run).isEqualTo(text);
            assertThat(frame.length()).as("never longer than the plain frame").isLessThanOrEqualTo(text.length() + 4);
            String transmitted = frame.substring(1, frame.length() - 3);
            for (int i = transmitted.indexOf('*'); i >= 0; i = transmitted.indexOf('*', i + 1)) {
                assertThat(transmitted.charAt(i + 1)).as("count char for run %d", run).isNotIn('#', '$', '+', '-');
            }
        }
    }

    @Test
    void splitsRunsWhoseCountCharWouldBeAFrameOrAckByte() {
        var encoder = new RspFrameEncoder(true);
        // 7 and 8 zeros need 6 and 7 extra repeats: '#' and '$'. 15 and 17 would give '+' and '-'.
        for (int run : new int[] {7, 8, 15, 17}) {
            String text = "0".repeat(run);
            String frame = encode(encoder, RspReply.of(text));
            assertThat(payloadOf(frame)).isEqualTo(text);
            assertThat(frame.substring(1, frame.length() - 3)).doesNotContain("*#", "*$", "*+", "*-");
        }
        assertThat(encode(encoder, RspReply.of("0".repeat(7)))).startsWith("$0*\"0#");
    }

    @Test
    void runLengthEncodesABufferReplyToo() {
        ByteBuf payload = Unpooled.buffer();
        payload.writeCharSequence("0".repeat(200), StandardCharsets.US_ASCII);
        String frame = encode(new RspFrameEncoder(true), RspReply.ofBuffer(payload));
        assertThat(frame.length()).isLessThan(20);
        assertThat(payloadOf(frame)).isEqualTo("0".repeat(200));
        assertThat(payload.refCnt()).isZero();
    }
}
