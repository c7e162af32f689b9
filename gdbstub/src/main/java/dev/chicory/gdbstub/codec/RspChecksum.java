package dev.chicory.gdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/** The protocol checksum: the sum of the bytes as transmitted, modulo 256. */
final class RspChecksum {
    private RspChecksum() {}

    /** The checksum of {@code buf[index, index + length)}. */
    static int of(ByteBuf buf, int index, int length) {
        int sum = 0;
        if (buf.hasArray()) {
            byte[] array = buf.array();
            int start = buf.arrayOffset() + index;
            for (int i = start; i < start + length; i++) {
                sum += array[i] & 0xff;
            }
            return sum & 0xff;
        }
        var adder = new Adder();
        buf.forEachByte(index, length, adder);
        return adder.sum & 0xff;
    }

    private static final class Adder implements ByteProcessor {
        int sum;

        @Override
        public boolean process(byte value) {
            sum += value & 0xff;
            return true;
        }
    }
}
