package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The binary escape of the remote protocol: {@code }} followed by the byte XOR 0x20.
 *
 * <p>Escaped in replies: {@code #} and {@code $} (they delimit frames), {@code }} (the escape itself) and
 * {@code *}, because clients expand run-length encoding before they unescape, so a raw {@code *} in binary
 * data would be read as a repeat marker (GDB manual, "Overview" of the remote protocol).
 *
 * <p>LLDB's {@code x} reads pass 128 KiB of module per reply through here, and about one byte in a hundred of
 * a DWARF-laden module is special, so a branch per byte would mispredict all the time. The data is handled
 * eight bytes at a time instead: each word is stored whole, then each of its special bytes (found all at
 * once by bit arithmetic) is escaped and the rest of the word is stored again one place further on. The
 * checksum is summed on the way, so the frame needs no second pass. A 128 KiB reply of DWARF took 150 µs
 * with a byte-by-byte loop for such words and a separate checksum pass, and takes 80-98 µs this way
 * (docs/performance.md).
 */
final class PayloadEscaping {
    static final byte ESCAPE = '}';
    static final int XOR = 0x20;

    /**
     * Room that escaping needs beyond its output: a word's step stores whole words, up to {@code 2 + 8}
     * bytes past the escaped bytes it has produced (8 for the padded last word).
     */
    static final int OVERRUN = 16;

    /**
     * What every escape adds to the checksum: {@code }} plus the byte XOR 0x20, minus the byte itself. All four
     * special bytes have bit 5 set, so XOR 0x20 subtracts 0x20 from each: {@code '}' - 0x20} (93).
     */
    static final int ESCAPE_CHECKSUM = ESCAPE - XOR;

    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGHS = 0x8080808080808080L;

    /** Words summed into checksum lanes between folds: each adds at most 510 to a 16-bit lane. */
    private static final int WORDS_PER_FOLD = 128;

    /** The number of bytes and the checksum of an escaped run. */
    private record Escaped(int length, int checksum) {}

    private PayloadEscaping() {}

    /** Bytes of buffer space that escaping {@code length} bytes may touch: the worst case and the overrun. */
    static int room(int length) {
        return 2 * length + OVERRUN;
    }

    /**
     * Appends {@code src[index, index + length)} escaped to {@code out}, addressing {@code src} absolutely (its
     * position and limit are left alone), and returns the checksum of the bytes appended.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code [0, src.limit())}
     */
    static int writeEscaped(ByteBuf out, ByteBuffer src, int index, int length) {
        Objects.checkFromIndexSize(index, length, src.limit());
        ByteBuffer dst = NioViews.writable(out, room(length));
        Escaped escaped = escape(src, index, length, dst, dst.position());
        out.writerIndex(out.writerIndex() + escaped.length());
        return escaped.checksum();
    }

    /**
     * Writes {@code src[index, index + length)} escaped into {@code dst} from absolute index
     * {@code dstIndex}, which must have {@link #room} for it; neither buffer's position moves.
     */
    private static Escaped escape(ByteBuffer src, int index, int length, ByteBuffer dst, int dstIndex) {
        int s = index;
        int end = index + length;
        int d = dstIndex;
        long sum = 0;
        while (s + Long.BYTES <= end) {
            int foldEnd = Math.min(end - Long.BYTES + 1, s + Long.BYTES * WORDS_PER_FOLD);
            long lanes = 0;
            for (; s < foldEnd; s += Long.BYTES) {
                long word = (long) NioViews.LONGS.get(src, s);
                lanes += RspChecksum.pairLanes(word);
                d = putWord(dst, d, word);
            }
            sum += RspChecksum.foldLanes(lanes);
        }
        if (s < end) {
            // The last one to seven bytes go through the word step too, as a word padded with zero bytes (never
            // special), whose padding is then dropped from the output: a byte loop with a branch of its own would
            // rarely see a special byte before the JIT compiled it, and the first one would throw the compiled
            // escaper away mid-download.
            int tail = end - s;
            long word = 0;
            for (int k = 0; k < tail; k++) {
                word |= (src.get(s + k) & 0xffL) << (8 * k);
            }
            sum += RspChecksum.foldLanes(RspChecksum.pairLanes(word));
            d = putWord(dst, d, word) - (Long.BYTES - tail);
        }
        int written = d - dstIndex;
        return new Escaped(written, (int) ((sum + (long) ESCAPE_CHECKSUM * (written - length)) & 0xff));
    }

    /**
     * Writes the eight bytes of {@code word} (little-endian) escaped at {@code dst[d]} and returns the index
     * after them. Stores whole words, so it may write up to {@link #OVERRUN} bytes past that index.
     */
    private static int putWord(ByteBuffer dst, int d, long word) {
        NioViews.LONGS.set(dst, d, word);
        long specials = specialBytes(word);
        while (specials != 0) {
            int p = Long.numberOfTrailingZeros(specials) >>> 3;
            specials &= specials - 1;
            // The bytes after p move one place on; for p = 7 the shift is 64, i.e. none, and what it stores
            // lies past the word's output, where later writes or the buffer's end cover it.
            NioViews.LONGS.set(dst, d + p + 2, word >>> (8 * p + 8));
            dst.put(d + p, ESCAPE);
            dst.put(d + p + 1, (byte) ((word >>> (8 * p)) ^ XOR));
            d++;
        }
        return d + Long.BYTES;
    }

    /** {@code 0x80} in each byte of {@code word} that must be escaped, zero in all others. */
    static long specialBytes(long word) {
        return zeroBytes(word ^ (ONES * '#')) | zeroBytes(word ^ (ONES * '$')) | zeroBytes(word ^ (ONES * '}'))
                | zeroBytes(word ^ (ONES * '*'));
    }

    /**
     * {@code 0x80} in each zero byte of {@code x}, exactly: adding 0x7f to the low seven bits of a byte carries
     * into bit 7 unless they are all zero, and OR-ing the byte itself catches a set bit 7. No carry crosses
     * bytes, unlike the shorter test that only tells whether any byte is zero.
     */
    private static long zeroBytes(long x) {
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x) & HIGHS;
    }
}
