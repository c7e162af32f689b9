package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfBytes.cString;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.offset;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.sleb;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.stringAt;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u16;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u32;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.u8;
import static io.github.chicorygdbstub.dwarf.DwarfBytes.uleb;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the line-number programs of a {@code .debug_line} section (DWARF 2 to 5, 32- and 64-bit
 * units) and reports each address range with the source line it belongs to and whether it
 * starts a statement. Basic-block, discriminator and ISA registers are not kept: nothing here
 * needs them.
 *
 * <p>Input is untrusted: every length is checked against the bytes there are, a unit that cannot
 * be read is skipped (the units after it still count), and nothing but the ranges leaves.
 */
final class DwarfLineReader {
    /** Receives {@code [start, end)} in DWARF addresses with the line of that range. */
    interface RangeSink {
        void range(long start, long end, SourceLine line, boolean statement);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DwarfLineReader.class);

    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_DEFINE_FILE = 3;
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;

    private final ByteBuffer in;
    private final Optional<ByteBuffer> lineStrings;
    private final Optional<ByteBuffer> strings;

    private DwarfLineReader(ByteBuffer in, Optional<ByteBuffer> lineStrings, Optional<ByteBuffer> strings) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.lineStrings = lineStrings;
        this.strings = strings;
    }

    /**
     * Reads every unit of the section. A unit that is malformed or uses a form this reader does not
     * know is skipped after the ranges it completed; a unit length that leads nowhere ends the read.
     */
    static void read(ByteBuffer section, Optional<ByteBuffer> lineStrings, Optional<ByteBuffer> strings,
            RangeSink sink) {
        var reader = new DwarfLineReader(section, lineStrings, strings);
        ByteBuffer in = reader.in;
        while (in.remaining() > 0) {
            int unitStart = in.position();
            int end;
            boolean dwarf64;
            try {
                long length = u32(in);
                dwarf64 = length == 0xffff_ffffL;
                if (dwarf64) {
                    length = in.getLong();
                }
                if (length <= 0) {
                    LOG.debug(".debug_line: unit at 0x{} has length {}; the rest is not read", Integer.toHexString(unitStart), length);
                    return;
                }
                // A unit cut short by the section's end keeps what it holds.
                end = (int) Math.min(in.limit(), in.position() + length);
            } catch (BufferUnderflowException truncated) {
                return;
            }
            int limit = in.limit();
            try {
                in.limit(end);
                reader.unit(dwarf64, sink);
            } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException
                    | ArithmeticException malformed) {
                LOG.debug(".debug_line: unit at 0x{} skipped: {}", Integer.toHexString(unitStart), malformed.toString());
            } finally {
                in.limit(limit);
            }
            in.position(end);
        }
    }

    /** One unit's header and program; the buffer's limit is the unit's end. */
    private void unit(boolean dwarf64, RangeSink sink) {
        int version = u16(in);
        if (version < 2 || version > 5) {
            throw new IllegalArgumentException("line table version " + version);
        }
        if (version >= 5) {
            in.get(); // address size: set_address says its own length
            in.get(); // segment selector size
        }
        long headerLength = dwarf64 ? in.getLong() : u32(in);
        int programStart = Math.toIntExact(in.position() + headerLength);
        int minimumInstructionLength = u8(in);
        if (version >= 4) {
            in.get(); // maximum operations per instruction: 1 for everything but VLIW
        }
        boolean defaultIsStatement = in.get() != 0;
        int lineBase = in.get();
        int lineRange = u8(in);
        int opcodeBase = u8(in);
        if (lineRange == 0 || opcodeBase == 0) {
            throw new IllegalArgumentException("line_range or opcode_base 0");
        }
        int[] operandCounts = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) {
            operandCounts[i] = u8(in);
        }
        var directories = new ArrayList<String>();
        var files = new ArrayList<String>();
        if (version >= 5) {
            filesV5(dwarf64, directories, files);
        } else {
            filesV4(directories, files);
        }
        in.position(programStart);
        new Program(directories, files, minimumInstructionLength, defaultIsStatement, lineBase, lineRange, opcodeBase,
                operandCounts).run(sink);
    }

    /**
     * DWARF 2-4: include directories, then files, each list ended by an empty string; directory 0
     * (the compilation directory, which only {@code .debug_info} names) is left out of paths, and
     * file numbers start at 1.
     */
    private void filesV4(List<String> directories, List<String> files) {
        directories.add("");
        for (String directory = cString(in); !directory.isEmpty(); directory = cString(in)) {
            directories.add(directory);
        }
        files.add("");
        for (String name = cString(in); !name.isEmpty(); name = cString(in)) {
            files.add(join(directories, uleb(in), name));
            uleb(in); // modification time
            uleb(in); // length
        }
    }

    /**
     * DWARF 5: self-describing entry formats for directories and files; file numbers start at 0.
     * Directory 0 is the compilation directory, left out of paths as in DWARF 4, so that both
     * versions name a file the same way.
     */
    private void filesV5(boolean dwarf64, List<String> directories, List<String> files) {
        for (Entry directory : entries(dwarf64)) {
            directories.add(directory.path());
        }
        for (Entry file : entries(dwarf64)) {
            files.add(join(directories, file.directory(), file.path()));
        }
    }

    /** A DWARF 5 directory or file entry: its path and, for files, its directory number. */
    private record Entry(String path, long directory) {}

    /** An attribute value of a DWARF 5 entry: text for string forms, a number for the others. */
    private record FormValue(String text, long number) {
        static FormValue of(String text) {
            return new FormValue(text, 0);
        }

        static FormValue of(long number) {
            return new FormValue("", number);
        }
    }

    private List<Entry> entries(boolean dwarf64) {
        int formatCount = u8(in);
        long[][] formats = new long[formatCount][];
        for (int i = 0; i < formatCount; i++) {
            formats[i] = new long[] {uleb(in), uleb(in)};
        }
        long count = uleb(in);
        // Every form takes at least a byte, so a count beyond what is left is a lie.
        if (count > 0 && (formatCount == 0 || count > in.remaining())) {
            throw new IllegalArgumentException("entry count " + count);
        }
        var entries = new ArrayList<Entry>();
        for (long e = 0; e < count; e++) {
            String path = "";
            long directory = 0;
            for (long[] format : formats) {
                FormValue value = attribute((int) format[1], dwarf64);
                if (format[0] == DW_LNCT_PATH) {
                    path = value.text();
                } else if (format[0] == DW_LNCT_DIRECTORY_INDEX) {
                    directory = value.number();
                }
            }
            entries.add(new Entry(path, directory));
        }
        return entries;
    }

    private FormValue attribute(int form, boolean dwarf64) {
        return switch (form) {
            case 0x08 -> FormValue.of(cString(in)); // DW_FORM_string
            case 0x1f -> FormValue.of(stringAt(lineStrings, offset(in, dwarf64))); // DW_FORM_line_strp
            case 0x0e -> FormValue.of(stringAt(strings, offset(in, dwarf64))); // DW_FORM_strp
            case 0x0b -> FormValue.of(u8(in)); // DW_FORM_data1
            case 0x05 -> FormValue.of(u16(in)); // DW_FORM_data2
            case 0x06 -> FormValue.of(u32(in)); // DW_FORM_data4
            case 0x07 -> FormValue.of(in.getLong()); // DW_FORM_data8
            case 0x0f -> FormValue.of(uleb(in)); // DW_FORM_udata
            case 0x1e -> skip(16); // DW_FORM_data16 (an MD5)
            case 0x09 -> skip(Math.toIntExact(uleb(in))); // DW_FORM_block
            default -> throw new IllegalArgumentException("DWARF form 0x" + Integer.toHexString(form));
        };
    }

    private FormValue skip(int bytes) {
        in.position(in.position() + bytes);
        return FormValue.of(0);
    }

    private static String join(List<String> directories, long index, String name) {
        if (name.startsWith("/") || index <= 0 || index >= directories.size() || directories.get((int) index).isEmpty()) {
            return name;
        }
        String directory = directories.get((int) index);
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /** The state machine of one unit's line-number program. */
    private final class Program {
        private final List<String> directories;
        private final List<String> files;
        private final int minimumInstructionLength;
        private final boolean defaultIsStatement;
        private final int lineBase;
        private final int lineRange;
        private final int opcodeBase;
        private final int[] operandCounts;

        private long address;
        private int file;
        private int line;
        private int column;
        private boolean isStatement;
        /** The previous row of the current sequence: its range ends where the next row starts. */
        private SourceLine pending;
        private boolean pendingIsStatement;
        private long pendingAddress;

        Program(List<String> directories, List<String> files, int minimumInstructionLength, boolean defaultIsStatement,
                int lineBase, int lineRange, int opcodeBase, int[] operandCounts) {
            this.directories = directories;
            this.files = files;
            this.minimumInstructionLength = minimumInstructionLength;
            this.defaultIsStatement = defaultIsStatement;
            this.lineBase = lineBase;
            this.lineRange = lineRange;
            this.opcodeBase = opcodeBase;
            this.operandCounts = operandCounts;
            reset();
        }

        private void reset() {
            address = 0;
            file = 1;
            line = 1;
            column = 0;
            isStatement = defaultIsStatement;
            pending = null;
        }

        /** Runs to the unit's end, the buffer's limit. */
        void run(RangeSink sink) {
            while (in.hasRemaining()) {
                int opcode = u8(in);
                if (opcode >= opcodeBase) {
                    int adjusted = opcode - opcodeBase;
                    address += (long) (adjusted / lineRange) * minimumInstructionLength;
                    line += lineBase + adjusted % lineRange;
                    row(sink);
                } else if (opcode == 0) {
                    extended(sink);
                } else {
                    standard(opcode, sink);
                }
            }
        }

        private void extended(RangeSink sink) {
            int length = Math.toIntExact(uleb(in));
            int next = in.position() + length;
            int opcode = length == 0 ? -1 : u8(in);
            if (opcode == DW_LNE_END_SEQUENCE) {
                row(sink);
                reset();
            } else if (opcode == DW_LNE_SET_ADDRESS && (length == 5 || length == 9)) {
                address = length == 9 ? in.getLong() : u32(in);
            } else if (opcode == DW_LNE_DEFINE_FILE) {
                String name = cString(in);
                files.add(join(directories, uleb(in), name));
            }
            in.position(next);
        }

        private void standard(int opcode, RangeSink sink) {
            switch (opcode) {
                case DW_LNS_COPY -> row(sink);
                case DW_LNS_ADVANCE_PC -> address += uleb(in) * minimumInstructionLength;
                case DW_LNS_ADVANCE_LINE -> line += (int) sleb(in);
                case DW_LNS_SET_FILE -> file = Math.toIntExact(uleb(in));
                case DW_LNS_SET_COLUMN -> column = Math.toIntExact(uleb(in));
                case DW_LNS_NEGATE_STMT -> isStatement = !isStatement;
                case DW_LNS_CONST_ADD_PC -> address += (long) ((255 - opcodeBase) / lineRange) * minimumInstructionLength;
                case DW_LNS_FIXED_ADVANCE_PC -> address += u16(in);
                default -> {
                    for (int i = 0; i < operandCounts[opcode]; i++) {
                        uleb(in);
                    }
                }
            }
        }

        /** Appends a row: the previous row's range ends here. */
        private void row(RangeSink sink) {
            if (pending != null && address > pendingAddress) {
                sink.range(pendingAddress, address, pending, pendingIsStatement);
            }
            String path = file >= 0 && file < files.size() ? files.get(file) : "";
            pending = new SourceLine(path, line, column);
            pendingIsStatement = isStatement;
            pendingAddress = address;
        }
    }
}
