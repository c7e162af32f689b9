package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfBytes.u16;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u32;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u8;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.uleb;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_FORM_IMPLICIT_CONST;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A unit header of {@code .debug_info} (DWARF 2 to 5) with its abbreviation table and the bases
 * DWARF 5 indexes strings and addresses from, which its root DIE gives.
 */
final class CompileUnit {
    final int start;
    final int end;
    final int version;
    final boolean dwarf64;
    final int addressSize;
    final int firstDie;
    final Map<Long, Abbreviation> abbreviations;
    /** Past the header of the unit's string-offsets and address tables, until its root DIE says. */
    long strOffsetsBase;
    long addrBase = 8;
    /** The unit's base address ({@code DW_AT_low_pc}), which location lists count from. */
    long lowPc;
    /** Where the unit's offsets into {@code .debug_loclists} start (DWARF 5). */
    long loclistsBase;
    /** Where the unit's offsets into {@code .debug_rnglists} start (DWARF 5). */
    long rnglistsBase;

    private CompileUnit(int start, int end, int version, boolean dwarf64, int addressSize, int firstDie,
            Map<Long, Abbreviation> abbreviations) {
        this.start = start;
        this.end = end;
        this.version = version;
        this.dwarf64 = dwarf64;
        this.addressSize = addressSize;
        this.firstDie = firstDie;
        this.abbreviations = abbreviations;
        this.strOffsetsBase = dwarf64 ? 16 : 8;
        this.loclistsBase = dwarf64 ? 20 : 12;
        this.rnglistsBase = loclistsBase;
    }

    /** Reads the unit header at the position of {@code info}, which moves to the unit's end. */
    static CompileUnit read(ByteBuffer info, ByteBuffer abbrev) {
        int start = info.position();
        long length = u32(info);
        boolean dwarf64 = length == 0xffff_ffffL;
        if (dwarf64) {
            length = info.getLong();
        }
        if (length <= 0 || length > info.remaining()) {
            throw new IllegalArgumentException("unit length " + length);
        }
        int end = info.position() + (int) length;
        int version = u16(info);
        if (version < 2 || version > 5) {
            throw new IllegalArgumentException("debug_info version " + version);
        }
        long abbrevOffset;
        int addressSize;
        if (version >= 5) {
            int unitType = u8(info);
            addressSize = u8(info);
            abbrevOffset = DwarfBytes.offset(info, dwarf64);
            if (unitType == 2 || unitType == 6) { // type and split type units: signature, type offset
                info.getLong();
                DwarfBytes.offset(info, dwarf64);
            } else if (unitType == 4 || unitType == 5) { // skeleton and split compile units: DWO id
                info.getLong();
            }
        } else {
            abbrevOffset = DwarfBytes.offset(info, dwarf64);
            addressSize = u8(info);
        }
        var unit = new CompileUnit(start, end, version, dwarf64, addressSize, info.position(),
                abbreviations(abbrev, Math.toIntExact(abbrevOffset)));
        info.position(end);
        return unit;
    }

    private static Map<Long, Abbreviation> abbreviations(ByteBuffer abbrev, int offset) {
        var table = new HashMap<Long, Abbreviation>();
        abbrev.position(offset);
        for (long code = uleb(abbrev); code != 0; code = uleb(abbrev)) {
            int tag = (int) uleb(abbrev);
            boolean children = u8(abbrev) != 0;
            var attributes = new java.util.ArrayList<long[]>();
            for (long attribute = uleb(abbrev), form = uleb(abbrev); attribute != 0 || form != 0;
                    attribute = uleb(abbrev), form = uleb(abbrev)) {
                long implicit = form == DW_FORM_IMPLICIT_CONST ? DwarfBytes.sleb(abbrev) : 0;
                attributes.add(new long[] {attribute, form, implicit});
            }
            int[] names = new int[attributes.size()];
            int[] forms = new int[attributes.size()];
            long[] constants = new long[attributes.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = (int) attributes.get(i)[0];
                forms[i] = (int) attributes.get(i)[1];
                constants[i] = attributes.get(i)[2];
            }
            table.put(code, new Abbreviation(tag, children, names, forms, constants));
        }
        return table;
    }
}
