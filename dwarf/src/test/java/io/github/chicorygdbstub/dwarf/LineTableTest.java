package io.github.chicorygdbstub.dwarf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DWARF line-table reader on hand-built line programs (each header format, DWARF 64, a
 * malformed unit) for the Code section of a one-function module. (On clang's output for the C
 * fixtures, placed on the module's own function bodies, it is checked in runtime's
 * {@code ModuleDwarfTest}.)
 */
class LineTableTest {
    /** File offset of the Code section's payload, which DWARF addresses count from. */
    private static final int CODE_PAYLOAD = 0x20;
    /** The one function's first instruction in the payload: after the count, body size, local groups. */
    private static final int FIRST_INSTRUCTION = 3;
    /** Body size of the one function: the local groups' count, 60 one-byte instructions, end. */
    private static final int BODY = 62;
    /** Size of the Code section's payload: the body count, the body's size and the body. */
    private static final int CODE_SIZE = 2 + BODY;

    @Test
    void dwarf4RowsBecomeRangesOfFileOffsetsWithTheirIncludeDirectory() {
        LineTable table = read(Map.of(".debug_line", unitV4(false, program())));

        int first = CODE_PAYLOAD + FIRST_INSTRUCTION;
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.at(first)).contains(new SourceLine("src/a.c", 10, 3));
        assertThat(table.at(first + 1)).contains(new SourceLine("src/a.c", 10, 3));
        assertThat(table.at(first + 2)).contains(new SourceLine("src/a.c", 11, 3));
        assertThat(table.at(first + 3)).as("the end_sequence row ends the last range").isEmpty();
        assertThat(table.at(first - 1)).isEmpty();
        assertThat(table.at(first).orElseThrow().toString()).isEqualTo("a.c:10:3");
        assertThat(table.offsetsOf("a.c", 11)).containsExactly(first + 2);
        assertThat(table.offsetsOf("src/a.c", 10)).containsExactly(first);
        assertThat(table.offsetsOf("b.c", 10)).isEmpty();
    }

    @Test
    void dwarf64UnitsReadTheSame() {
        LineTable table = read(Map.of(".debug_line", unitV4(true, program())));

        assertThat(table.at(CODE_PAYLOAD + FIRST_INSTRUCTION + 2)).contains(new SourceLine("src/a.c", 11, 3));
    }

    @Test
    void dwarf5NamesFilesThroughTheLineStringSectionAndSkipsTheirChecksums() {
        byte[] lineStrings = bytes("/comp/dir\0lib\0b.c\0");
        LineTable table = read(Map.of(".debug_line", unitV5(program()), ".debug_line_str", lineStrings));

        assertThat(table.at(CODE_PAYLOAD + FIRST_INSTRUCTION + 2))
                .contains(new SourceLine("lib/b.c", 11, 3));
    }

    @Test
    void aMalformedUnitCostsItsOwnLinesOnly() {
        var junk = new ByteArrayOutputStream();
        junk.writeBytes(le(12, 4)); // a unit of 12 bytes
        junk.writeBytes(le(9, 2)); // version 9
        junk.writeBytes(new byte[10]);
        LineTable junkLast = read(Map.of(".debug_line", concat(unitV4(false, program()), junk.toByteArray())));
        LineTable junkFirst = read(Map.of(".debug_line", concat(junk.toByteArray(), unitV4(false, program()))));

        assertThat(junkLast.size()).isEqualTo(2);
        assertThat(junkFirst.size()).as("the units after a bad one still count").isEqualTo(2);
        assertThat(junkFirst.at(CODE_PAYLOAD + FIRST_INSTRUCTION + 2)).contains(new SourceLine("src/a.c", 11, 3));
        assertThat(read(Map.of(".debug_line", junk.toByteArray())).size()).isZero();
        // A unit cut short before its last two rows keeps the range it completed.
        byte[] whole = unitV4(false, program());
        LineTable cut = read(Map.of(".debug_line", Arrays.copyOf(whole, whole.length - 5)));
        assertThat(cut.size()).isEqualTo(1);
        assertThat(cut.at(CODE_PAYLOAD + FIRST_INSTRUCTION)).map(SourceLine::line).contains(10);
        assertThat(cut.at(CODE_PAYLOAD + FIRST_INSTRUCTION + 2)).isEmpty();
    }

    @Test
    @Timeout(10)
    void lengthsThatPointBackwardsOrPromiseMoreThanThereIsEndTheReadAtOnce() {
        var negative64 = new ByteArrayOutputStream();
        negative64.writeBytes(le(0xffff_ffffL, 4));
        negative64.writeBytes(le(-12, 8));
        negative64.writeBytes(new byte[16]);
        assertThat(read(Map.of(".debug_line", negative64.toByteArray())).size()).isZero();

        // DWARF 5 directories with no formats but four billion entries.
        var header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {1, 1, 1, -5, 14, 13});
        header.writeBytes(STANDARD_OPCODE_LENGTHS);
        header.write(0); // no directory formats
        header.writeBytes(uleb(0xffff_ffff));
        byte[] huge = unit(5, false, new byte[] {4, 0}, header.toByteArray(), program());
        assertThat(read(Map.of(".debug_line", concat(huge, unitV4(false, program())))).size())
                .as("the bad unit is skipped, the next one read").isEqualTo(2);
    }

    @Test
    void dwarf3WithScaledAdvancesFixedAdvancesStatementFlagsAndDefinedFiles() {
        var program = new ByteArrayOutputStream();
        program.writeBytes(new byte[] {0, 5, 2});
        program.writeBytes(le(FIRST_INSTRUCTION, 4)); // DW_LNE_set_address
        program.writeBytes(new byte[] {3, 19}); // DW_LNS_advance_line: line 20
        program.write(1); // row at 3: line 20, a statement
        program.writeBytes(new byte[] {9, 4, 0}); // DW_LNS_fixed_advance_pc 4, not scaled: 7
        program.write(6); // DW_LNS_negate_stmt
        program.writeBytes(new byte[] {3, 5}); // line 25
        program.write(1); // row at 7: line 25, not a statement
        program.write(8); // DW_LNS_const_add_pc: (255 - 13) / 14 = 17, times 2: 41
        program.write(6);
        program.writeBytes(new byte[] {3, 0x7c}); // line -4: 21
        program.writeBytes(new byte[] {0, 8, 3, 'c', '.', 'c', 0, 1, 0, 0}); // DW_LNE_define_file "c.c" in "src"
        program.writeBytes(new byte[] {4, 2}); // DW_LNS_set_file 2
        program.write(1); // row at 41: c.c line 21
        program.writeBytes(new byte[] {2, 2}); // DW_LNS_advance_pc 2, times 2: 45
        program.writeBytes(new byte[] {0, 1, 1});
        var header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {2, 1, -5, 14, 13}); // min_inst 2; DWARF 3 has no max_ops
        header.writeBytes(STANDARD_OPCODE_LENGTHS);
        header.writeBytes(bytes("src\0\0a.c\0"));
        header.writeBytes(new byte[] {1, 0, 0, 0});
        LineTable table = read(Map.of(".debug_line", unit(3, false, new byte[0], header.toByteArray(),
                program.toByteArray())));

        int code = CODE_PAYLOAD;
        assertThat(table.at(code + 3)).contains(new SourceLine("src/a.c", 20, 0));
        assertThat(table.at(code + 7)).contains(new SourceLine("src/a.c", 25, 0));
        assertThat(table.at(code + 40)).contains(new SourceLine("src/a.c", 25, 0));
        assertThat(table.at(code + 41)).contains(new SourceLine("src/c.c", 21, 0));
        assertThat(table.at(code + 45)).isEmpty();
        assertThat(table.offsetsOf("a.c", 20)).containsExactly(code + 3);
        assertThat(table.offsetsOf("a.c", 25)).as("no statement starts on it").isEmpty();
        assertThat(table.offsetsOf("c.c", 21)).containsExactly(code + 41);
    }

    @Test
    void dwarf5InlineStringsStringSectionOffsetsAndFixedSizeNumbers() {
        var header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {1, 1, 1, -5, 14, 13});
        header.writeBytes(STANDARD_OPCODE_LENGTHS);
        header.writeBytes(new byte[] {1, 1, 0x08}); // directories: path as an inline string
        header.write(2);
        header.writeBytes(bytes("/comp\0inc\0"));
        header.writeBytes(new byte[] {2, 1, 0x0e, 2, 0x05}); // files: path in .debug_str, directory as data2
        header.write(2);
        header.writeBytes(le(0, 4));
        header.writeBytes(le(0, 2));
        header.writeBytes(le(7, 4));
        header.writeBytes(le(1, 2));
        LineTable table = read(Map.of(".debug_line", unit(5, false, new byte[] {4, 0}, header.toByteArray(), program()),
                ".debug_str", bytes("zero.c\0d.c\0")));

        assertThat(table.at(CODE_PAYLOAD + FIRST_INSTRUCTION)).contains(new SourceLine("inc/d.c", 10, 3));
    }

    @Test
    void aModuleWithoutDwarfHasAnEmptyTable() {
        assertThat(read(Map.of()).size()).isZero();
        assertThat(read(Map.of()).at(CODE_PAYLOAD + FIRST_INSTRUCTION)).isEmpty();
    }

    /**
     * The line table over a Code section whose payload is at {@link #CODE_PAYLOAD} and holds one
     * body of {@link #BODY} bytes (count and size first), with these DWARF sections.
     */
    private static LineTable read(Map<String, byte[]> sections) {
        return LineTable.read(DwarfSections.from(name -> Optional.ofNullable(sections.get(name)).map(ByteBuffer::wrap)),
                CODE_PAYLOAD, CODE_SIZE);
    }

    /**
     * Rows: first instruction line 10 column 3; two bytes on, line 11; the sequence ends one byte
     * later.
     */
    private static byte[] program() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 5, 2});
        out.writeBytes(le(FIRST_INSTRUCTION, 4)); // DW_LNE_set_address
        out.writeBytes(new byte[] {5, 3}); // DW_LNS_set_column 3
        out.writeBytes(new byte[] {3, 9}); // DW_LNS_advance_line +9: line 10
        out.write(1); // DW_LNS_copy
        out.write(13 + 2 * 14 + (1 + 5)); // special opcode: address +2, line +1
        out.writeBytes(new byte[] {2, 1}); // DW_LNS_advance_pc 1
        out.writeBytes(new byte[] {0, 1, 1}); // DW_LNE_end_sequence
        return out.toByteArray();
    }

    private static final byte[] STANDARD_OPCODE_LENGTHS = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};

    private static byte[] unitV4(boolean dwarf64, byte[] program) {
        var header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {1, 1, 1, -5, 14, 13}); // min_inst, max_ops, is_stmt, line_base, line_range, opcode_base
        header.writeBytes(STANDARD_OPCODE_LENGTHS);
        header.writeBytes(bytes("src\0\0")); // include_directories: "src"
        header.writeBytes(bytes("a.c\0"));
        header.writeBytes(new byte[] {1, 0, 0}); // directory 1, no time, no length
        header.write(0);
        return unit(4, dwarf64, new byte[0], header.toByteArray(), program);
    }

    private static byte[] unitV5(byte[] program) {
        var header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {1, 1, 1, -5, 14, 13});
        header.writeBytes(STANDARD_OPCODE_LENGTHS);
        header.writeBytes(new byte[] {1, 1, 0x1f}); // directory format: path as line_strp
        header.write(2); // directories: "/comp/dir", "lib"
        header.writeBytes(le(0, 4));
        header.writeBytes(le(10, 4));
        // file format: path line_strp, directory index udata, MD5 data16
        header.writeBytes(new byte[] {3, 1, 0x1f, 2, 0x0f, 5, 0x1e});
        header.write(2); // files: 0 = "/comp/dir" in directory 0 (unused), 1 = "b.c" in directory 1
        header.writeBytes(le(0, 4));
        header.write(0);
        header.writeBytes(new byte[16]);
        header.writeBytes(le(14, 4));
        header.write(1);
        header.writeBytes(new byte[16]);
        return unit(5, false, new byte[] {4, 0}, header.toByteArray(), program);
    }

    /** length, version, [address and segment selector size], header_length, header, program. */
    private static byte[] unit(int version, boolean dwarf64, byte[] afterVersion, byte[] header, byte[] program) {
        int offsetSize = dwarf64 ? 8 : 4;
        var body = new ByteArrayOutputStream();
        body.writeBytes(le(version, 2));
        body.writeBytes(afterVersion);
        body.writeBytes(le(header.length, offsetSize));
        body.writeBytes(header);
        body.writeBytes(program);
        var out = new ByteArrayOutputStream();
        if (dwarf64) {
            out.writeBytes(le(0xffff_ffffL, 4));
        }
        out.writeBytes(le(body.size(), offsetSize));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] le(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private static byte[] uleb(int value) {
        var out = new ByteArrayOutputStream();
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
