package dev.chicory.gdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * The binary escape of the remote protocol: {@code }} followed by the byte XOR 0x20.
 *
 * <p>Escaped in replies: {@code #} and {@code $} (they delimit frames), {@code }} (the escape itself) and
 * {@code *}, because clients expand run-length encoding before they unescape, so a raw {@code *} in binary
 * data would be read as a repeat marker (GDB manual, "Overview" of the remote protocol).
 */
final class PayloadEscaping {
    static final byte ESCAPE = '}';
    static final int XOR = 0x20;

    /** Continues over ordinary bytes and stops at the first byte that needs escaping. */
    private static final ByteProcessor FIND_SPECIAL = b -> !needsEscape(b);

    private PayloadEscaping() {}

    static boolean needsEscape(byte b) {
        return b == '#' || b == '$' || b == '}' || b == '*';
    }

    /** How many bytes of {@code src[index, index + length)} need escaping: the growth of the escaped form. */
    static int countEscapes(ByteBuf src, int index, int length) {
        int count = 0;
        int end = index + length;
        for (int i = index; i < end; ) {
            int special = src.forEachByte(i, end - i, FIND_SPECIAL);
            if (special < 0) {
                break;
            }
            count++;
            i = special + 1;
        }
        return count;
    }

    /**
     * Appends {@code src[index, index + length)} escaped; runs of ordinary bytes are copied in bulk, since
     * binary data is mostly ordinary.
     */
    static void writeEscaped(ByteBuf src, int index, int length, ByteBuf out) {
        int end = index + length;
        for (int i = index; i < end; ) {
            int special = src.forEachByte(i, end - i, FIND_SPECIAL);
            int stop = special < 0 ? end : special;
            out.writeBytes(src, i, stop - i);
            if (special < 0) {
                return;
            }
            out.writeByte(ESCAPE);
            out.writeByte(src.getByte(special) ^ XOR);
            i = special + 1;
        }
    }
}
