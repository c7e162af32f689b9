package io.github.chicorygdbstub.codec;

import static io.github.chicorygdbstub.codec.Wire.buffer;
import static io.github.chicorygdbstub.codec.Wire.bytes;
import static io.github.chicorygdbstub.codec.Wire.frame;
import static io.github.chicorygdbstub.codec.Wire.inbound;
import static io.github.chicorygdbstub.codec.Wire.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RspFrameDecoderTest {

    private static List<Object> decode(int maxPacketSize, String... reads) {
        var channel = new EmbeddedChannel(new RspFrameDecoder(maxPacketSize));
        for (String read : reads) {
            channel.writeInbound(buffer(read));
        }
        List<Object> messages = inbound(channel);
        channel.finish();
        return messages;
    }

    private static List<Object> decode(String... reads) {
        return decode(4096, reads);
    }

    @Test
    void decodesAPacketWithAKnownChecksum() {
        assertThat(decode("$qSupported#37")).containsExactly(packet("qSupported"));
        assertThat(decode("$OK#9a")).containsExactly(packet("OK"));
    }

    @Test
    void decodesTheEmptyPacket() {
        assertThat(decode("$#00")).containsExactly(new RspPacket(new byte[0]));
    }

    @Test
    void acceptsChecksumDigitsInEitherCase() {
        assertThat(decode("$OK#9A", "$OK#9a")).containsExactly(packet("OK"), packet("OK"));
    }

    @Test
    void reportsAWrongChecksum() {
        assertThat(decode("$OK#9b")).containsExactly(RspBadPacket.BAD_CHECKSUM);
    }

    @Test
    void reportsNonHexChecksumDigits() {
        assertThat(decode("$OK#zz", "$OK#9g", "$OK#g9")).containsExactly(
                RspBadPacket.BAD_CHECKSUM, RspBadPacket.BAD_CHECKSUM, RspBadPacket.BAD_CHECKSUM);
    }

    @Test
    void continuesWithTheNextPacketAfterABadChecksum() {
        assertThat(decode("$OK#00$g#67")).containsExactly(RspBadPacket.BAD_CHECKSUM, packet("g"));
    }

    @Test
    void removesEscapesAndChecksTheTransmittedBytes() {
        // '#', '$', '}' and '*' escaped as '}' + byte ^ 0x20, plus an escaped ordinary byte.
        String transmitted = "X10,5:}\u0003}\u0004}]}\n}a";
        List<Object> messages = decode(frame(transmitted));
        assertThat(messages).containsExactly(new RspPacket(concat(bytes("X10,5:"), new byte[] {'#', '$', '}', '*', 'A'})));
    }

    @Test
    void aChecksumOverTheUnescapedBytesIsRejected() {
        // A client that summed the bytes before escaping them would produce this frame.
        String unescapedSum = frame("X0,1:#");
        String sent = "$X0,1:}\u0003" + unescapedSum.substring(unescapedSum.length() - 3);
        assertThat(decode(sent)).containsExactly(RspBadPacket.BAD_CHECKSUM);
    }

    @Test
    void keepsAStarInARequestAsAnOrdinaryByte() {
        // Clients never run-length encode requests; "0*!" must not become "0000".
        assertThat(decode(frame("M0,3:0*!"))).containsExactly(packet("M0,3:0*!"));
    }

    @Test
    void keepsALoneEscapeBeforeTheEndLiterally() {
        assertThat(decode(frame("a}"))).containsExactly(packet("a}"));
    }

    @Test
    void readsInterruptsAcksAndNaksOutsidePackets() {
        assertThat(decode("+\u0003-" + frame("c") + "\u0003"))
                .containsExactly(RspAck.INSTANCE, RspInterrupt.INSTANCE, RspNak.INSTANCE, packet("c"), RspInterrupt.INSTANCE);
    }

    @Test
    void treatsControlAndAckBytesInsideAPayloadAsData() {
        assertThat(decode(frame("a\u0003+-b"))).containsExactly(packet("a\u0003+-b"));
    }

    @Test
    void skipsStrayBytesOutsidePackets() {
        assertThat(decode("junk\r\n#00 " + frame("g") + "zz")).containsExactly(packet("g"));
    }

    @Test
    void aDollarInsideAPacketStartsAFreshOne() {
        assertThat(decode("$abc" + frame("g"))).containsExactly(packet("g"));
        assertThat(decode("$abc#" + frame("g"))).containsExactly(packet("g"));
        assertThat(decode("$abc#1" + frame("g"))).containsExactly(packet("g"));
    }

    @Test
    void dropsAnUnfinishedPacketWhenTheConnectionCloses() {
        var channel = new EmbeddedChannel(new RspFrameDecoder(64));
        channel.writeInbound(buffer("$qSupp"));
        assertThat(channel.finish()).isFalse();
    }

    /** Packets, escapes, a 0x03 inside and outside packets, acks, a NAK, noise and a bad checksum. */
    private static final String SAMPLE = "+" + frame("QStartNoAckMode") + "+" + frame("X10,4:}\u0003}\u0004}]}\n")
            + "\u0003" + frame("m0,\u00034") + "-" + "noise" + "$OK#00" + "\u0003" + frame("qSupported:xmlRegisters=i386")
            + frame("") + "+";

    private static final List<Object> SAMPLE_MESSAGES = List.of(
            RspAck.INSTANCE,
            packet("QStartNoAckMode"),
            RspAck.INSTANCE,
            new RspPacket(concat(bytes("X10,4:"), new byte[] {'#', '$', '}', '*'})),
            RspInterrupt.INSTANCE,
            packet("m0,\u00034"),
            RspNak.INSTANCE,
            RspBadPacket.BAD_CHECKSUM,
            RspInterrupt.INSTANCE,
            packet("qSupported:xmlRegisters=i386"),
            packet(""),
            RspAck.INSTANCE);

    @Test
    void decodesCoalescedFramesFromOneRead() {
        assertThat(decode(SAMPLE)).isEqualTo(SAMPLE_MESSAGES);
    }

    @Test
    void decodesTheSameMessagesWhateverTheReadBoundaries() {
        int n = SAMPLE.length();
        for (int a = 0; a <= n; a++) {
            for (int b = a; b <= n; b++) {
                List<Object> messages = decode(SAMPLE.substring(0, a), SAMPLE.substring(a, b), SAMPLE.substring(b));
                assertThat(messages).as("split at %d and %d", a, b).isEqualTo(SAMPLE_MESSAGES);
            }
        }
    }

    @Test
    void decodesAStreamArrivingOneByteAtATime() {
        String[] reads = SAMPLE.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
        assertThat(decode(reads)).isEqualTo(SAMPLE_MESSAGES);
    }

    @Test
    void acceptsAPayloadOfExactlyTheMaximumSize() {
        String payload = "a".repeat(16);
        assertThat(decode(16, frame(payload))).containsExactly(packet(payload));
    }

    @Test
    void rejectsAPayloadOneByteOverTheMaximumAndResumesAfterIt() {
        assertThat(decode(16, frame("a".repeat(17)) + frame("g")))
                .containsExactly(RspBadPacket.OVERSIZED, packet("g"));
    }

    @Test
    void countsEscapedBytesAsTransmittedAgainstTheMaximum() {
        // 9 escaped bytes: 18 transmitted, only 9 after unescaping.
        String transmitted = "}]".repeat(9);
        assertThat(decode(16, frame(transmitted))).containsExactly(RspBadPacket.OVERSIZED);
        assertThat(decode(18, frame(transmitted))).containsExactly(new RspPacket(filled(9, (byte) '}')));
    }

    @Test
    void reportsAnOversizedPacketOnlyOnceItsFrameIsComplete() {
        var channel = new EmbeddedChannel(new RspFrameDecoder(8));
        channel.writeInbound(buffer("$" + "x".repeat(100)));
        assertThat(inbound(channel)).isEmpty();
        channel.writeInbound(buffer("#4"));
        assertThat(inbound(channel)).isEmpty();
        channel.writeInbound(buffer("2"));
        assertThat(inbound(channel)).containsExactly(RspBadPacket.OVERSIZED);
        channel.finish();
    }

    @Test
    void aDollarInsideAnOversizedPacketStartsAFreshOne() {
        assertThat(decode(8, "$" + "x".repeat(100) + frame("g"))).containsExactly(packet("g"));
    }

    @Test
    void memoryStaysBoundedWhileAnEndlessPacketStreamsIn() {
        int max = 5000; // not a power of two, so doubling alone would overshoot it
        var decoder = new RspFrameDecoder(max);
        var channel = new EmbeddedChannel(decoder);
        channel.writeInbound(buffer("$"));
        byte[] chunk = filled(64 * 1024, (byte) 'a');
        for (int sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            assertThat(decoder.cumulatedBytes()).as("bytes cumulated after %d", sent).isZero();
            assertThat(decoder.payloadCapacity()).as("payload array after %d", sent).isLessThanOrEqualTo(max);
        }
        assertThat(inbound(channel)).isEmpty();
        channel.writeInbound(buffer("#00" + frame("g")));
        assertThat(inbound(channel)).containsExactly(RspBadPacket.OVERSIZED, packet("g"));
        channel.finish();
    }

    @Test
    void consumesEveryReadSoNothingIsCumulated() {
        var decoder = new RspFrameDecoder(4096);
        var channel = new EmbeddedChannel(decoder);
        channel.writeInbound(buffer("$qSupported:xmlRegist"));
        assertThat(decoder.cumulatedBytes()).isZero();
        channel.writeInbound(buffer("ers=i386#" + frame("qSupported:xmlRegisters=i386").substring(30)));
        assertThat(inbound(channel)).containsExactly(packet("qSupported:xmlRegisters=i386"));
        channel.finish();
    }

    @Test
    void rejectsANonPositiveMaximum() {
        assertThatThrownBy(() -> new RspFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetsCompareByContent() {
        assertThat(packet("g")).isEqualTo(packet("g")).hasSameHashCodeAs(packet("g")).isNotEqualTo(packet("G"));
        assertThat(packet("a\u0003").toString()).isEqualTo("RspPacket[a\\x03]");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
