package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfBytes.u16;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u32;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u8;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.uleb;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The address-range lists of DWARF: location lists, where optimized code keeps a variable in
 * different places over its function ({@code .debug_loc} in DWARF 2-4, {@code .debug_loclists}
 * in 5), and range lists, the code of a scope in pieces ({@code .debug_ranges},
 * {@code .debug_rnglists}). The two share their encodings but for the expression that follows
 * each location entry. Every list is read to its end marker or the section's end.
 */
final class LocationLists {
    /** What a location entry holds besides its range; range entries hold nothing. */
    private static final ByteBuffer NO_EXPRESSION = ByteBuffer.allocate(0);

    private LocationLists() {}

    /** Whether a {@code .debug_ranges} list (DWARF 2-4) holds an address. */
    static boolean rangesContain4(ByteBuffer section, int offset, CompileUnit unit, long address) {
        return walk4(section, offset, unit, address, false).isPresent();
    }

    /** Whether a {@code .debug_rnglists} list (DWARF 5) holds an address. */
    static boolean rangesContain5(ByteBuffer section, int offset, CompileUnit unit, DebugInfoReader reader,
            long address) {
        return walk5(section, offset, unit, reader, address, false).isPresent();
    }

    /** The expression of a {@code .debug_loc} list (DWARF 2-4) for an address. */
    static Optional<ByteBuffer> dwarf4(ByteBuffer section, int offset, CompileUnit unit, long address) {
        return walk4(section, offset, unit, address, true);
    }

    /** The expression of a {@code .debug_loclists} list (DWARF 5) for an address. */
    static Optional<ByteBuffer> dwarf5(ByteBuffer section, int offset, CompileUnit unit, DebugInfoReader reader,
            long address) {
        return walk5(section, offset, unit, reader, address, true);
    }

    /** Address pairs relative to the unit's base (a pair of all ones and a base selects a new base). */
    private static Optional<ByteBuffer> walk4(ByteBuffer section, int offset, CompileUnit unit, long address,
            boolean locations) {
        ByteBuffer in = section.duplicate().order(section.order()).position(offset);
        long maxAddress = unit.addressSize == 8 ? -1L : 0xffff_ffffL;
        long base = unit.lowPc;
        while (in.hasRemaining()) {
            long start = address(in, unit);
            long end = address(in, unit);
            if (start == 0 && end == 0) {
                return Optional.empty();
            }
            if (start == maxAddress) { // a base address selection entry
                base = end;
                continue;
            }
            ByteBuffer expression = locations ? expression(in, u16(in)) : NO_EXPRESSION;
            if (address >= base + start && address < base + end) {
                return Optional.of(expression);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code DW_LLE_*} or {@code DW_RLE_*} entries: the same kinds but for default_location,
     * which only location lists have (kind 5 is base_address in range lists, 6 in location lists).
     */
    private static Optional<ByteBuffer> walk5(ByteBuffer section, int offset, CompileUnit unit, DebugInfoReader reader,
            long address, boolean locations) {
        ByteBuffer in = section.duplicate().order(section.order()).position(offset);
        long base = unit.lowPc;
        ByteBuffer fallback = null;
        while (in.hasRemaining()) {
            int kind = u8(in);
            if (!locations && kind >= 0x05) {
                kind++; // range lists have no default_location: their kinds from 5 on are one lower
            }
            long start;
            long end;
            switch (kind) {
                case 0x00: // DW_LLE_end_of_list
                    return Optional.ofNullable(fallback);
                case 0x01: // DW_LLE_base_addressx
                    base = reader.indexedAddress(unit, uleb(in));
                    continue;
                case 0x02: // DW_LLE_startx_endx
                    start = reader.indexedAddress(unit, uleb(in));
                    end = reader.indexedAddress(unit, uleb(in));
                    break;
                case 0x03: // DW_LLE_startx_length
                    start = reader.indexedAddress(unit, uleb(in));
                    end = start + uleb(in);
                    break;
                case 0x04: // DW_LLE_offset_pair
                    start = base + uleb(in);
                    end = base + uleb(in);
                    break;
                case 0x05: // DW_LLE_default_location
                    fallback = expression(in, Math.toIntExact(uleb(in)));
                    continue;
                case 0x06: // DW_LLE_base_address
                    base = address(in, unit);
                    continue;
                case 0x07: // DW_LLE_start_end
                    start = address(in, unit);
                    end = address(in, unit);
                    break;
                case 0x08: // DW_LLE_start_length
                    start = address(in, unit);
                    end = start + uleb(in);
                    break;
                default:
                    throw new IllegalArgumentException("DW_LLE 0x" + Integer.toHexString(kind));
            }
            ByteBuffer expression = locations ? expression(in, Math.toIntExact(uleb(in))) : NO_EXPRESSION;
            if (address >= start && address < end) {
                return Optional.of(expression);
            }
        }
        return Optional.ofNullable(fallback);
    }

    private static long address(ByteBuffer in, CompileUnit unit) {
        return unit.addressSize == 8 ? in.getLong() : u32(in);
    }

    private static ByteBuffer expression(ByteBuffer in, int length) {
        ByteBuffer expression = in.slice(in.position(), length).order(in.order());
        in.position(in.position() + length);
        return expression;
    }
}
