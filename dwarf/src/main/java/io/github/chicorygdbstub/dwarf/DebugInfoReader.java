package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfBytes.cString;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.offset;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.sleb;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.stringAt;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u16;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u32;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u8;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.uleb;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_ADDR_BASE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_LOCLISTS_BASE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_LOW_PC;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_RNGLISTS_BASE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_SIBLING;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_STR_OFFSETS_BASE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_FORM_IMPLICIT_CONST;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_FORM_INDIRECT;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Random access to the DIEs of {@code .debug_info}: the unit headers are read once, any DIE is
 * read by its offset, and attribute values are decoded from their forms on access (DWARF 2 to 5,
 * 32- and 64-bit, string and address indexes included).
 */
final class DebugInfoReader {


    private final ByteBuffer info;
    private final Optional<ByteBuffer> strings;
    private final Optional<ByteBuffer> lineStrings;
    private final Optional<ByteBuffer> stringOffsets;
    private final Optional<ByteBuffer> addresses;
    private final Optional<ByteBuffer> locations;
    private final Optional<ByteBuffer> locationLists;
    private final Optional<ByteBuffer> ranges;
    private final Optional<ByteBuffer> rangeLists;
    private final List<CompileUnit> units;

    /** Reads the unit headers; units after one that cannot be read are left out. */
    DebugInfoReader(DwarfSections sections) {
        this.info = sections.get(".debug_info").orElseThrow();
        this.strings = sections.get(".debug_str");
        this.lineStrings = sections.get(".debug_line_str");
        this.stringOffsets = sections.get(".debug_str_offsets");
        this.addresses = sections.get(".debug_addr");
        this.locations = sections.get(".debug_loc");
        this.locationLists = sections.get(".debug_loclists");
        this.ranges = sections.get(".debug_ranges");
        this.rangeLists = sections.get(".debug_rnglists");
        ByteBuffer abbrev = sections.get(".debug_abbrev").orElseThrow();
        var read = new ArrayList<CompileUnit>();
        while (info.remaining() > 0) {
            CompileUnit unit;
            try {
                unit = CompileUnit.read(info, abbrev);
            } catch (RuntimeException unreadableHeader) {
                break; // without its length, where the next unit starts is unknown
            }
            try {
                Die root = die(unit.firstDie, unit);
                if (root != null) {
                    unit.strOffsetsBase = number(root, DW_AT_STR_OFFSETS_BASE).orElse(unit.strOffsetsBase);
                    unit.addrBase = number(root, DW_AT_ADDR_BASE).orElse(unit.addrBase);
                    unit.loclistsBase = number(root, DW_AT_LOCLISTS_BASE).orElse(unit.loclistsBase);
                    unit.rnglistsBase = number(root, DW_AT_RNGLISTS_BASE).orElse(unit.rnglistsBase);
                    unit.lowPc = number(root, DW_AT_LOW_PC).orElse(0L);
                }
                read.add(unit);
            } catch (RuntimeException unreadableRoot) {
                // Skip this unit; the next one starts at its end.
            }
        }
        this.units = List.copyOf(read);
    }

    List<CompileUnit> units() {
        return units;
    }

    /** The unit that holds an offset of {@code .debug_info}, or null. */
    CompileUnit unitAt(long offset) {
        for (CompileUnit unit : units) {
            if (offset >= unit.firstDie && offset < unit.end) {
                return unit;
            }
        }
        return null;
    }

    /** The DIE at an offset, or null for a unit's end marker (code 0) or an unknown abbreviation. */
    Die die(int offset, CompileUnit unit) {
        ByteBuffer in = info.duplicate().order(info.order());
        in.limit(unit.end).position(offset);
        long code = uleb(in);
        Abbreviation abbreviation = unit.abbreviations.get(code);
        if (code == 0 || abbreviation == null) {
            return null;
        }
        int count = abbreviation.attributes().length;
        int[] forms = new int[count];
        long[] values = new long[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            int form = abbreviation.forms()[i];
            while (form == DW_FORM_INDIRECT) {
                form = (int) uleb(in);
            }
            forms[i] = form;
            values[i] = form == DW_FORM_IMPLICIT_CONST ? abbreviation.implicitConstants()[i] : read(in, form, unit, lengths, i);
        }
        return new Die(offset, unit, abbreviation, forms, values, lengths, in.position());
    }

    /** The DIE at an absolute offset, in whichever unit holds it. */
    Die die(long offset) {
        CompileUnit unit = unitAt(offset);
        return unit == null ? null : die((int) offset, unit);
    }

    /** The children of a DIE, in order. */
    List<Die> children(Die parent) {
        var children = new ArrayList<Die>();
        if (!parent.abbreviation.hasChildren()) {
            return children;
        }
        int position = parent.end;
        while (position < parent.unit.end) {
            Die child = die(position, parent.unit);
            if (child == null) {
                break; // the end of the parent's children
            }
            children.add(child);
            position = afterSubtree(child);
        }
        return children;
    }

    /**
     * Where the entry after a DIE and all its descendants starts: its {@code DW_AT_sibling} if it
     * has one, else found by walking the subtree, counting the null entries that close each
     * level (iteratively: a malformed tree may nest without end).
     */
    int afterSubtree(Die die) {
        if (!die.abbreviation.hasChildren()) {
            return die.end;
        }
        Optional<Long> sibling = reference(die, DW_AT_SIBLING);
        if (sibling.isPresent() && sibling.get() > die.offset && sibling.get() <= die.unit.end) {
            return (int) (long) sibling.get();
        }
        int open = 1;
        int position = die.end;
        while (position < die.unit.end) {
            Die child = die(position, die.unit);
            if (child == null) {
                position++; // a null entry closes one level
                if (--open == 0) {
                    return position;
                }
            } else {
                open += child.abbreviation.hasChildren() ? 1 : 0;
                position = child.end;
            }
        }
        return die.unit.end;
    }

    // ---- attribute values ----

    /** A constant, flag, address or section offset attribute. */
    Optional<Long> number(Die die, int attribute) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return Optional.empty();
        }
        long value = die.values[i];
        int form = die.forms[i];
        if (form == 0x1b || (form >= 0x29 && form <= 0x2c)) { // DW_FORM_addrx, addrx1-4
            return Optional.of(indexedAddress(die.unit, value));
        }
        if (isString(form) || isBlock(form) || isReference(form) || form == 0x1e) { // 0x1e: data16
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A constant sign-extended from its form's width (data1-8); sdata and implicit constants are already signed. */
    Optional<Long> signedNumber(Die die, int attribute) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return Optional.empty();
        }
        long value = die.values[i];
        return Optional.of(switch (die.forms[i]) {
            case 0x0b -> (long) (byte) value;
            case 0x05 -> (long) (short) value;
            case 0x06 -> (long) (int) value;
            default -> value;
        });
    }

    Optional<String> string(Die die, int attribute) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return Optional.empty();
        }
        long value = die.values[i];
        return Optional.of(switch (die.forms[i]) {
            case 0x08 -> cString(info.duplicate().position((int) value));
            case 0x0e -> stringAt(strings, value);
            case 0x1f -> stringAt(lineStrings, value);
            case 0x1a, 0x25, 0x26, 0x27, 0x28 -> stringAt(strings, indexedStringOffset(die.unit, value));
            default -> "";
        });
    }

    /** An exprloc or block attribute's bytes. */
    Optional<ByteBuffer> block(Die die, int attribute) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0 || !isBlock(die.forms[i])) {
            return Optional.empty();
        }
        ByteBuffer slice = info.duplicate().order(info.order());
        slice.position((int) die.values[i]).limit((int) die.values[i] + die.lengths[i]);
        return Optional.of(slice.slice().order(info.order()));
    }

    /** A reference attribute as an absolute offset of {@code .debug_info}. */
    Optional<Long> reference(Die die, int attribute) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return Optional.empty();
        }
        int form = die.forms[i];
        boolean unitRelative = form >= 0x11 && form <= 0x15;
        if (!unitRelative && form != 0x10) {
            return Optional.empty();
        }
        return Optional.of(unitRelative ? die.unit.start + die.values[i] : die.values[i]);
    }

    /**
     * The expression a location list gives for a DWARF address, or empty when the variable has
     * no location there (optimized out at this instruction). {@code attribute} must hold a
     * location-list offset ({@code DW_FORM_sec_offset} or {@code data4}) or index
     * ({@code DW_FORM_loclistx}).
     */
    Optional<ByteBuffer> locationListEntry(Die die, int attribute, long address) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return Optional.empty();
        }
        CompileUnit unit = die.unit;
        long value = die.values[i];
        if (unit.version < 5) {
            return LocationLists.dwarf4(locations.orElseThrow(() -> new IllegalArgumentException("no .debug_loc")),
                    Math.toIntExact(value), unit, address);
        }
        ByteBuffer lists = locationLists.orElseThrow(() -> new IllegalArgumentException("no .debug_loclists"));
        long offset = listOffset(lists, unit, unit.loclistsBase, die.forms[i], 0x22, value);
        return LocationLists.dwarf5(lists, Math.toIntExact(offset), unit, this, address);
    }

    /** Whether a {@code DW_AT_ranges} list (an offset, or a DWARF 5 index) holds a DWARF address. */
    boolean rangesContain(Die die, int attribute, long address) {
        int i = die.abbreviation.indexOf(attribute);
        if (i < 0) {
            return false;
        }
        CompileUnit unit = die.unit;
        long value = die.values[i];
        if (unit.version < 5) {
            return LocationLists.rangesContain4(ranges.orElseThrow(() -> new IllegalArgumentException("no .debug_ranges")),
                    Math.toIntExact(value), unit, address);
        }
        ByteBuffer lists = rangeLists.orElseThrow(() -> new IllegalArgumentException("no .debug_rnglists"));
        return LocationLists.rangesContain5(lists, Math.toIntExact(listOffset(lists, unit, unit.rnglistsBase, die.forms[i],
                0x23, value)), unit, this, address);
    }

    /**
     * A list's offset in its section: the value itself, or for the index form (loclistx,
     * rnglistx) the entry of the unit's offset table at its base, relative to that base.
     */
    private static long listOffset(ByteBuffer lists, CompileUnit unit, long base, int form, int indexForm, long value) {
        if (form != indexForm) {
            return value;
        }
        int entry = Math.toIntExact(base + value * (unit.dwarf64 ? 8 : 4));
        return base + (unit.dwarf64 ? lists.getLong(entry) : lists.getInt(entry) & 0xffff_ffffL);
    }

    /** An address from {@code .debug_addr} by index (DWARF 5). */
    long indexedAddress(CompileUnit unit, long index) {
        ByteBuffer table = addresses.orElseThrow(() -> new IllegalArgumentException("no .debug_addr"));
        int at = Math.toIntExact(unit.addrBase + index * unit.addressSize);
        return unit.addressSize == 8 ? table.getLong(at) : table.getInt(at) & 0xffff_ffffL;
    }

    private long indexedStringOffset(CompileUnit unit, long index) {
        ByteBuffer table = stringOffsets.orElseThrow(() -> new IllegalArgumentException("no .debug_str_offsets"));
        int at = Math.toIntExact(unit.strOffsetsBase + index * (unit.dwarf64 ? 8 : 4));
        return unit.dwarf64 ? table.getLong(at) : table.getInt(at) & 0xffff_ffffL;
    }

    private static boolean isString(int form) {
        return form == 0x08 || form == 0x0e || form == 0x1f || form == 0x1a || (form >= 0x25 && form <= 0x28);
    }

    /** ref_addr, ref1-8, ref_udata, ref_sup4, ref_sig8, ref_sup8: a DIE, not a number (a VLA's count). */
    private static boolean isReference(int form) {
        return (form >= 0x10 && form <= 0x15) || form == 0x1c || form == 0x20 || form == 0x24;
    }

    private static boolean isBlock(int form) {
        return form == 0x03 || form == 0x04 || form == 0x09 || form == 0x0a || form == 0x18;
    }

    /** Reads one attribute value of a form; strings and blocks as their position (and length). */
    private static long read(ByteBuffer in, int form, CompileUnit unit, int[] lengths, int i) {
        return switch (form) {
            case 0x01 -> unit.addressSize == 8 ? in.getLong() : u32(in); // addr
            case 0x03 -> block(in, u16(in), lengths, i); // block2
            case 0x04 -> block(in, Math.toIntExact(u32(in)), lengths, i); // block4
            case 0x05 -> u16(in); // data2
            case 0x06 -> u32(in); // data4
            case 0x07, 0x14, 0x20, 0x24 -> in.getLong(); // data8, ref8, ref_sig8, ref_sup8
            case 0x08 -> { // string
                int position = in.position();
                cString(in);
                yield position;
            }
            case 0x09, 0x18 -> block(in, Math.toIntExact(uleb(in)), lengths, i); // block, exprloc
            case 0x0a -> block(in, u8(in), lengths, i); // block1
            case 0x0b, 0x0c, 0x11, 0x25, 0x29 -> u8(in); // data1, flag, ref1, strx1, addrx1
            case 0x0d -> sleb(in); // sdata
            case 0x0e, 0x17, 0x1d, 0x1f -> offset(in, unit.dwarf64); // strp, sec_offset, strp_sup, line_strp
            case 0x0f, 0x15, 0x1a, 0x1b, 0x22, 0x23 -> uleb(in); // udata, ref_udata, strx, addrx, loclistx, rnglistx
            case 0x10 -> unit.version == 2 ? (unit.addressSize == 8 ? in.getLong() : u32(in)) : offset(in, unit.dwarf64);
            case 0x12, 0x26, 0x2a -> u16(in); // ref2, strx2, addrx2
            case 0x13, 0x1c, 0x28, 0x2c -> u32(in); // ref4, ref_sup4, strx4, addrx4
            case 0x19 -> 1; // flag_present
            case 0x1e -> { // data16
                int position = in.position();
                in.position(position + 16);
                yield position;
            }
            case 0x27, 0x2b -> u16(in) | ((long) u8(in) << 16); // strx3, addrx3
            default -> throw new IllegalArgumentException("DWARF form 0x" + Integer.toHexString(form));
        };
    }

    private static long block(ByteBuffer in, int length, int[] lengths, int i) {
        int position = in.position();
        in.position(position + length);
        lengths[i] = length;
        return position;
    }
}
