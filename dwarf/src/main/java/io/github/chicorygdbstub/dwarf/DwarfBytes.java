package io.github.chicorygdbstub.dwarf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The encodings DWARF sections share, read from a little-endian buffer at its position. Every
 * read checks the buffer's limit: a truncated section throws {@link java.nio.BufferUnderflowException}
 * or {@link IndexOutOfBoundsException}, which the readers treat as the end of what can be read.
 */
final class DwarfBytes {
    private DwarfBytes() {}

    static int u8(ByteBuffer in) {
        return in.get() & 0xff;
    }

    static int u16(ByteBuffer in) {
        return in.getShort() & 0xffff;
    }

    static long u32(ByteBuffer in) {
        return in.getInt() & 0xffff_ffffL;
    }

    /** A section offset: 4 bytes in 32-bit DWARF, 8 in 64-bit DWARF. */
    static long offset(ByteBuffer in, boolean dwarf64) {
        return dwarf64 ? in.getLong() : u32(in);
    }

    static long uleb(ByteBuffer in) {
        return leb(in, false);
    }

    static long sleb(ByteBuffer in) {
        return leb(in, true);
    }

    /** A LEB128 number; bits beyond 64 are dropped, as no DWARF field read here needs them. */
    private static long leb(ByteBuffer in, boolean signed) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8(in);
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (signed && shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A NUL-terminated UTF-8 string at the position, which moves past the NUL. */
    static String cString(ByteBuffer in) {
        int start = in.position();
        while (in.get() != 0) {
            // scan to the terminator
        }
        byte[] bytes = new byte[in.position() - start - 1];
        in.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A NUL-terminated string at an offset of a string section ({@code .debug_str}, {@code .debug_line_str}). */
    static String stringAt(Optional<ByteBuffer> section, long offset) {
        ByteBuffer strings = section.orElseThrow(() -> new IllegalArgumentException("string section missing"));
        int start = Math.toIntExact(offset);
        int end = start;
        while (strings.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        strings.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
