package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** The protocol checksum: the sum of the bytes as transmitted, modulo 256. */
final class RspChecksum {
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
     * with checks when one codec sees heap, direct and wrapped buffers), and adds eight bytes at a time in
     * {@linkplain #pairLanes lanes}.
     */
    static int of(ByteBuffer view) {
        long sum = 0;
        int i = view.position();
        int end = view.limit();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            sum += foldLanes(pairLanes((long) NioViews.LONGS.get(view, i)));
        }
        for (; i < end; i++) {
            sum += view.get(i) & 0xff;
        }
        return (int) (sum & 0xff);
    }

    /**
     * The eight bytes of {@code word} summed pairwise into four 16-bit lanes (each at most 510). Lanes of
     * several words may be added up before {@link #foldLanes}, as long as no lane can pass 65,535.
     */
    static long pairLanes(long word) {
        return (word & LOW_BYTES) + ((word >>> 8) & LOW_BYTES);
    }

    /** The sum of the four 16-bit lanes of {@code lanes}. */
    static long foldLanes(long lanes) {
        return (lanes & 0xffff) + ((lanes >>> 16) & 0xffff) + ((lanes >>> 32) & 0xffff) + (lanes >>> 48);
    }
}
