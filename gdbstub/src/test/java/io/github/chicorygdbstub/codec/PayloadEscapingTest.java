package io.github.chicorygdbstub.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadEscapingTest {
    private static final byte[] SPECIAL = {'#', '$', '}', '*'};
    /** Bytes next to the special ones, and ones whose low seven bits match theirs. */
    private static final byte[] NEAR = {'"', '%', '|', '~', '+', ')', '#' ^ 0x20, (byte) ('}' + 0x80), 0, (byte) 0xff};

    /** The escape as the protocol describes it, one byte at a time. */
    private static byte[] reference(byte[] data, int index, int length) {
        var out = new ByteArrayOutputStream();
        for (int i = index; i < index + length; i++) {
            byte b = data[i];
            if (b == '#' || b == '$' || b == '}' || b == '*') {
                out.write('}');
                out.write(data[i] ^ 0x20);
            } else {
                out.write(data[i]);
            }
        }
        return out.toByteArray();
    }

    private static int sum(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xff;
        }
        return sum & 0xff;
    }

    /** Data where about {@code percent} of the bytes are special and many others are near misses. */
    private static byte[] data(Random random, int length, int percent) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            int dice = random.nextInt(100);
            data[i] = dice < percent ? SPECIAL[random.nextInt(4)]
                    : dice < percent + 10 ? NEAR[random.nextInt(NEAR.length)] : (byte) random.nextInt(256);
        }
        return data;
    }

    @Test
    void escapesLikeTheReferenceAtEveryDensityLengthAndKindOfBuffer() {
        var random = new Random(5);
        for (int trial = 0; trial < 600; trial++) {
            int percent = new int[] {0, 1, 3, 20, 50, 100}[trial % 6];
            // Short lengths cover the word loop and its tail, long ones the checksum's lane folds.
            int length = trial < 100 ? trial : random.nextInt(5_000);
            byte[] data = data(random, length + 64, percent);
            int index = random.nextInt(64);
            byte[] expected = reference(data, index, length);
            // Heap and direct memory, and pooled buffers that start inside a shared chunk, after a '$' here.
            ByteBuf out = switch (trial % 3) {
                case 0 -> Unpooled.buffer();
                case 1 -> Unpooled.directBuffer();
                default -> ByteBufAllocator.DEFAULT.heapBuffer().writeByte('$');
            };
            int prefix = out.readableBytes();
            ByteBuffer source = ByteBuffer.wrap(data).asReadOnlyBuffer();

            int checksum = PayloadEscaping.writeEscaped(out, source, index, length);

            byte[] written = new byte[out.readableBytes() - prefix];
            out.getBytes(prefix, written);
            out.release();
            assertThat(written).as("trial %d, %d bytes, %d%% special", trial, length, percent).isEqualTo(expected);
            assertThat(checksum).as("trial %d", trial).isEqualTo(sum(expected));
            assertThat(source.position()).isZero();
        }
    }

    @Test
    void findsExactlyTheSpecialBytesOfAWord() {
        for (int position = 0; position < 8; position++) {
            for (byte special : SPECIAL) {
                for (byte neighbour : NEAR) {
                    long word = 0;
                    for (int i = 0; i < 8; i++) {
                        word |= (long) ((i == position ? special : neighbour) & 0xff) << (8 * i);
                    }
                    assertThat(PayloadEscaping.specialBytes(word)).isEqualTo(0x80L << (8 * position));
                }
            }
        }
    }
}
