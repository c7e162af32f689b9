package io.github.chicorygdbstub.codec;

import static io.github.chicorygdbstub.codec.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

    private static String hex(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void digitsInEitherCase() {
        assertThat(Hex.digit('0')).isZero();
        assertThat(Hex.digit('9')).isEqualTo(9);
        assertThat(Hex.digit('a')).isEqualTo(10);
        assertThat(Hex.digit('F')).isEqualTo(15);
        for (int c : new int[] {'g', 'G', '/', ':', '@', '`', ' ', -1, 0x80, 0xff, 0x1234}) {
            assertThat(Hex.digit(c)).as("0x%x", c).isEqualTo(-1);
        }
    }

    @Test
    void writesEveryByteValueInLowercase() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        for (ByteBuf out : new ByteBuf[] {Unpooled.buffer(1), PooledByteBufAllocator.DEFAULT.directBuffer(1)}) {
            out.writeByte('m');
            Hex.writeHex(out, all, 0, 256);
            assertThat(hex(out)).isEqualTo("m" + HexFormat.of().formatHex(all));
        }
    }

    @Test
    void writesARangeOfALargeArrayIntoADirectBuffer() {
        byte[] data = new byte[10_000];
        new Random(1).nextBytes(data);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        Hex.writeHex(out, data, 3, 9_000);
        assertThat(hex(out)).isEqualTo(HexFormat.of().formatHex(data, 3, 9_003));
    }

    @Test
    void writesFromAByteBufferWithoutMovingIt() {
        byte[] data = new byte[5_000];
        new Random(2).nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip().position(100);
        ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer();
        ByteBuffer slice = ByteBuffer.wrap(data, 10, 100).slice();
        for (ByteBuffer src : new ByteBuffer[] {direct, readOnly, ByteBuffer.wrap(data)}) {
            int position = src.position();
            ByteBuf out = Unpooled.buffer();
            Hex.writeHex(out, src, 4, 4_500);
            assertThat(hex(out)).isEqualTo(HexFormat.of().formatHex(data, 4, 4_504));
            assertThat(src.position()).isEqualTo(position);
        }
        ByteBuf out = Unpooled.buffer();
        Hex.writeHex(out, slice, 0, 2);
        assertThat(hex(out)).isEqualTo(HexFormat.of().formatHex(data, 10, 12));
    }

    @Test
    void returnsTheChecksumOfTheDigitsItWrote() {
        var random = new Random(3);
        byte[] data = new byte[70_000];
        random.nextBytes(data);
        for (int trial = 0; trial < 300; trial++) {
            int index = random.nextInt(64);
            // Lengths across the word loop, its tail and the lane folds every 1,024 bytes.
            int length = trial < 40 ? trial : random.nextInt(data.length - index);
            // Heap buffers take the vector encoder (when vectorized) for 512 bytes and more, direct ones the
            // scalar loop; pooled heap buffers start inside a shared array, after a '$' here.
            ByteBuf out = switch (trial % 3) {
                case 0 -> Unpooled.buffer();
                case 1 -> Unpooled.directBuffer();
                default -> ByteBufAllocator.DEFAULT.heapBuffer().writeByte('$');
            };
            String prefix = trial % 3 == 2 ? "$" : "";

            int checksum = Hex.writeHex(out, ByteBuffer.wrap(data).asReadOnlyBuffer(), index, length);

            String digits = HexFormat.of().formatHex(data, index, index + length);
            assertThat(hex(out)).isEqualTo(prefix + digits);
            assertThat(checksum).isEqualTo(digits.chars().sum() & 0xff);
        }
    }

    @Test
    void encodesWithVectorsWhereverTheJvmOffersThem() {
        // Surefire starts this JVM with --add-modules jdk.incubator.vector, as bin/chicory-gdbstub does.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        boolean wideVectors = jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize() >= 256;
        assertThat(Hex.vectorized()).isEqualTo(wideVectors);
        assertThat(Hex.newBuffer(ByteBufAllocator.DEFAULT, 10).release()).isTrue();
        ByteBuf buffer = Hex.newBuffer(Unpooled.buffer().alloc(), 10);
        assertThat(buffer.hasArray()).isEqualTo(Hex.vectorized());
        buffer.release();
    }

    @Test
    void checksRanges() {
        assertThatThrownBy(() -> Hex.writeHex(Unpooled.buffer(), new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Hex.writeHex(Unpooled.buffer(), ByteBuffer.allocate(8).limit(4), 0, 5))
                .isInstanceOf(IndexOutOfBoundsException.class);
        ByteBuf out = Unpooled.buffer();
        Hex.writeHex(out, new byte[0], 0, 0);
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void writesSingleBytes() {
        ByteBuf out = Unpooled.buffer();
        Hex.writeByte(out, 0x0a);
        Hex.writeByte(out, 0x1ff);
        assertThat(hex(out)).isEqualTo("0aff");
    }

    @Test
    void writesLittleEndianRegisterValues() {
        // LLDB's PC for add(): 0x4000000000000164 reads back as 6401000000000040.
        assertThat(Hex.littleEndian(0x4000000000000164L)).isEqualTo("6401000000000040");
        assertThat(Hex.littleEndian(0)).isEqualTo("0000000000000000");
        assertThat(Hex.littleEndian(-1)).isEqualTo("ffffffffffffffff");
        assertThat(Hex.littleEndian(0x0102030405060708L)).isEqualTo("0807060504030201");
        ByteBuf out = Unpooled.buffer(1);
        Hex.writeLittleEndian(out, 0x40000000000001f6L);
        assertThat(hex(out)).isEqualTo("f601000000000040");
    }

    @Test
    void decodesEitherCase() {
        assertThat(Hex.decode(bytes("xx00aBFf7d"), 2, 8)).containsExactly(0x00, 0xab, 0xff, 0x7d);
        assertThat(Hex.decode(bytes(""), 0, 0)).isEmpty();
    }

    @Test
    void decodingReportsWhereItFailed() {
        assertThatThrownBy(() -> Hex.decode(bytes("M0:00g0"), 3, 4))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.position()).isEqualTo(5));
        assertThatThrownBy(() -> Hex.decode(bytes("M0:0z00"), 3, 4))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.position()).isEqualTo(4));
        assertThatThrownBy(() -> Hex.decode(bytes("abc"), 0, 3))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.getMessage()).contains("odd"));
        assertThatThrownBy(() -> Hex.decode(bytes("ab"), 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void parsesUnsignedNumbers() {
        assertThat(Hex.parseUnsigned(bytes("m4000000000000164,200"), 1, 16)).isEqualTo(0x4000000000000164L);
        assertThat(Hex.parseUnsigned(bytes("0"), 0, 1)).isZero();
        assertThat(Hex.parseUnsigned(bytes("7FFFFFFFFFFFFFFF"), 0, 16)).isEqualTo(Long.MAX_VALUE);
        assertThat(Hex.parseUnsigned(bytes("ffffffffffffffff"), 0, 16)).isEqualTo(-1L);
        assertThat(Hex.parseUnsigned(bytes("8000000000000000"), 0, 16)).isEqualTo(Long.MIN_VALUE);
        assertThat(Hex.parseUnsigned(bytes("0000000000000000000000ff"), 0, 24)).as("leading zeros").isEqualTo(0xff);
    }

    @Test
    void rejectsBadNumbers() {
        assertThatThrownBy(() -> Hex.parseUnsigned(bytes("10000000000000000"), 0, 17))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.getMessage()).contains("64 bits"));
        assertThatThrownBy(() -> Hex.parseUnsigned(bytes("m,4"), 1, 0))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.position()).isEqualTo(1));
        assertThatThrownBy(() -> Hex.parseUnsigned(bytes("-1"), 0, 2))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.position()).isZero());
        assertThatThrownBy(() -> Hex.parseUnsigned(bytes("12 4"), 0, 4))
                .isInstanceOfSatisfying(InvalidHexException.class, e -> assertThat(e.position()).isEqualTo(2));
    }

    @Test
    void encodesAndDecodesText() {
        // qRcmd,68656c6c6f is "monitor hello" in GDB.
        assertThat(Hex.encodeText("hello")).isEqualTo("68656c6c6f");
        assertThat(Hex.decodeText(bytes("qRcmd,68656C6C6F"), 6, 10)).isEqualTo("hello");
        assertThat(Hex.encodeText("")).isEmpty();
        assertThat(Hex.decodeText(Wire.bytes(Hex.encodeText("caf\u00e9\n")), 0, 12)).isEqualTo("caf\u00e9\n");
        ByteBuf out = Unpooled.buffer();
        out.writeByte('O');
        Hex.writeText(out, "ok\n");
        assertThat(hex(out)).isEqualTo("O6f6b0a");
    }
}
