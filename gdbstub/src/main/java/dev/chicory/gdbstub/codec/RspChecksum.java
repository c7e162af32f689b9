package dev.chicory.gdbstub.codec;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The protocol checksum: the sum of the bytes as transmitted, modulo 256. */
final class RspChecksum {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BYTES = 0x00ff00ff00ff00ffL;

    private RspChecksum() {}

    /** The checksum of {@code buf[index, index + length)}; see {@link #of(ByteBuffer)}. */
    static int of(ByteBuf buf, int index, int length) {
        return of(buf.nioBuffer(index, length));
    }

    /**
     * The checksum of {@code view[position, limit)}: the sum of the bytes modulo 256; the view's position is
     * left alone. It runs over every reply byte (128 KiB for a large module read), so it reads through an NIO
     * view, whose VarHandle access the JIT compiles to plain loads (Netty's {@code getLong} is a virtual call
     * with checks when one codec sees heap, direct and wrapped buffers), and adds eight bytes at a time: the
     * mask splits a long into four 16-bit lanes of byte pairs that cannot overflow.
     */
    static int of(ByteBuffer view) {
        long sum = 0;
        int i = view.position();
        int end = view.limit();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long v = (long) LONGS.get(view, i);
            long pairs = (v & LOW_BYTES) + ((v >>> 8) & LOW_BYTES);
            sum += (pairs & 0xffff) + ((pairs >>> 16) & 0xffff) + ((pairs >>> 32) & 0xffff) + (pairs >>> 48);
        }
        for (; i < end; i++) {
            sum += view.get(i) & 0xff;
        }
        return (int) (sum & 0xff);
    }
}
