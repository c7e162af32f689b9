package dev.chicory.gdbstub.codec;

import io.netty.buffer.ByteBuf;

/** The protocol checksum: the sum of the bytes as transmitted, modulo 256. */
final class RspChecksum {
    private RspChecksum() {}

    /**
     * The checksum of {@code buf[index, index + length)}: the sum of the bytes modulo 256. It runs over
     * every reply byte (128 KiB for a large module read), so it adds eight bytes at a time: the two
     * masks split a long into four 16-bit lanes of byte pairs that cannot overflow.
     */
    static int of(ByteBuf buf, int index, int length) {
        long sum = 0;
        int i = index;
        int end = index + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long v = buf.getLong(i);
            long pairs = (v & 0x00ff00ff00ff00ffL) + ((v >>> 8) & 0x00ff00ff00ff00ffL);
            sum += (pairs & 0xffff) + ((pairs >>> 16) & 0xffff) + ((pairs >>> 32) & 0xffff) + (pairs >>> 48);
        }
        for (; i < end; i++) {
            sum += buf.getByte(i) & 0xff;
        }
        return (int) (sum & 0xff);
    }
}
