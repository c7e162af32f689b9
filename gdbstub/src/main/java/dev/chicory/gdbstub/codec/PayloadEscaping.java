package dev.chicory.gdbstub.codec;

import java.nio.ByteBuffer;

/**
 * The binary escape of the remote protocol: {@code }} followed by the byte XOR 0x20.
 *
 * <p>Escaped in replies: {@code #} and {@code $} (they delimit frames), {@code }} (the escape itself) and
 * {@code *}, because clients expand run-length encoding before they unescape, so a raw {@code *} in binary
 * data would be read as a repeat marker (GDB manual, "Overview" of the remote protocol).
 *
 * <p>LLDB's {@code x} reads pass 128 KiB of module per reply through here, so the data is scanned eight bytes
 * at a time: a word without any of the four special bytes, the common case, is copied in one store.
 */
final class PayloadEscaping {
    static final byte ESCAPE = '}';
    static final int XOR = 0x20;

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private PayloadEscaping() {}

    static boolean needsEscape(byte b) {
        return b == '#' || b == '$' || b == '}' || b == '*';
    }

    /** The most bytes that escaping {@code length} bytes can produce. */
    static int maxEscapedLength(int length) {
        return 2 * length;
    }

    /**
     * Writes {@code src[position, limit)} escaped into {@code dst} from absolute index {@code dstIndex}, which
     * must have room for {@link #maxEscapedLength}; neither buffer's position moves.
     *
     * @return the number of bytes written
     */
    static int escape(ByteBuffer src, ByteBuffer dst, int dstIndex) {
        int s = src.position();
        int end = src.limit();
        int d = dstIndex;
        for (; s + Long.BYTES <= end; s += Long.BYTES) {
            long word = (long) NioViews.LONGS.get(src, s);
            if (!hasSpecialByte(word)) {
                NioViews.LONGS.set(dst, d, word);
                d += Long.BYTES;
                continue;
            }
            for (int k = 0; k < Long.BYTES; k++) {
                d = put(src.get(s + k), dst, d);
            }
        }
        for (; s < end; s++) {
            d = put(src.get(s), dst, d);
        }
        return d - dstIndex;
    }

    private static int put(byte b, ByteBuffer dst, int d) {
        if (needsEscape(b)) {
            dst.put(d, ESCAPE);
            dst.put(d + 1, (byte) (b ^ XOR));
            return d + 2;
        }
        dst.put(d, b);
        return d + 1;
    }

    /** Whether any byte of {@code word} is one of the four special bytes. */
    static boolean hasSpecialByte(long word) {
        return (hasByte(word, '#') | hasByte(word, '$') | hasByte(word, '}') | hasByte(word, '*')) != 0;
    }

    /**
     * Non-zero if some byte of {@code word} equals {@code c}: XOR turns that byte into zero, and the classic
     * zero-byte test ((x - 0x01..) & ~x & 0x80..) is exact about whether any byte is zero.
     */
    private static long hasByte(long word, char c) {
        long x = word ^ (ONES * c);
        return (x - ONES) & ~x & HIGHS;
    }
}
