package io.github.chicorygdbstub.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RspChecksumTest {
    @Test
    void equalsTheByteSumModulo256ForAnyOffsetAndLengthInHeapAndDirectBuffers() {
        var random = new Random(42);
        byte[] bytes = new byte[4096];
        random.nextBytes(bytes);
        ByteBuf heap = Unpooled.wrappedBuffer(bytes);
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        try {
            for (int trial = 0; trial < 2000; trial++) {
                int index = random.nextInt(64);
                int length = random.nextInt(bytes.length - index);
                int expected = 0;
                for (int i = index; i < index + length; i++) {
                    expected += bytes[i] & 0xff;
                }
                assertThat(RspChecksum.of(heap, index, length)).isEqualTo(expected & 0xff);
                assertThat(RspChecksum.of(direct, index, length)).isEqualTo(expected & 0xff);
            }
        } finally {
            direct.release();
        }
    }

    @Test
    void allOnesBytesDoNotOverflowTheLanes() {
        byte[] ones = new byte[1 << 17];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(RspChecksum.of(Unpooled.wrappedBuffer(ones), 0, ones.length)).isEqualTo((0xff * ones.length) & 0xff);
    }
}
