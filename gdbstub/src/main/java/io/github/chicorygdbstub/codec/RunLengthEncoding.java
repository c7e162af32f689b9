package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;

/**
 * Run-length encoding of text replies: a run of one character becomes the character, {@code *} and a count
 * character whose code is the number of <em>additional</em> repeats plus 29 (GDB manual, "Overview").
 *
 * <p>Constraints from the protocol: the count character must be printable, so a chunk repeats 3 to 97 extra
 * times (count {@code ' '} to {@code '~'}), which is also why runs shorter than 4 are left alone. It must not
 * be {@code #} or {@code $}, which would end or restart the frame; we also avoid {@code +} and {@code -} so
 * that no encoded reply contains a byte that looks like an acknowledgement. A count that would produce one
 * of these is lowered and the rest of the run continues as a new chunk. Each chunk repeats its own copy of
 * the character rather than relying on "repeat the previous output", which not every decoder implements.
 */
final class RunLengthEncoding {
    /** Below this length a run is cheaper (or no dearer) written out. */
    static final int MIN_RUN = 4;
    /** Largest number of extra repeats one count character can express ({@code '~'} - 29). */
    static final int MAX_EXTRA = '~' - 29;
    private static final int COUNT_BIAS = 29;

    private RunLengthEncoding() {}

    /** Appends {@code src[index, index + length)} run-length encoded. */
    static void write(ByteBuf src, int index, int length, ByteBuf out) {
        int end = index + length;
        int i = index;
        while (i < end) {
            byte c = src.getByte(i);
            int run = 1;
            while (i + run < end && src.getByte(i + run) == c) {
                run++;
            }
            writeRun(out, c, run);
            i += run;
        }
    }

    private static void writeRun(ByteBuf out, byte c, int run) {
        while (run > 0) {
            if (run < MIN_RUN) {
                for (int k = 0; k < run; k++) {
                    out.writeByte(c);
                }
                return;
            }
            int extra = Math.min(run - 1, MAX_EXTRA);
            // Terminates at 5 at the latest: counts 3, 4 and 5 map to ' ', '!' and '"'.
            while (!isUsableCount(extra)) {
                extra--;
            }
            out.writeByte(c);
            out.writeByte('*');
            out.writeByte(extra + COUNT_BIAS);
            run -= extra + 1;
        }
    }

    /** Whether {@code extra} additional repeats may be written as a count character. */
    static boolean isUsableCount(int extra) {
        int ch = extra + COUNT_BIAS;
        return ch >= ' ' && ch <= '~' && ch != '#' && ch != '$' && ch != '+' && ch != '-';
    }
}
