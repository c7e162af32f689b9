package dev.chicory.gdbstub.runtime.module;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the line-number programs of a {@code .debug_line} section (DWARF 2 to 5, 32- and 64-bit
 * units) and reports each address range with the source line it belongs to. Only what is needed
 * for addresses to lines is kept: no is_stmt, basic-block or discriminator flags.
 */
final class DwarfLineReader {
    /** Receives {@code [start, end)} in DWARF addresses and the line of that range. */
    interface RangeSink {
        void range(long start, long end, SourceLine line);
    }

    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
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
     * Reads every unit of the section, stopping quietly at the first one that is malformed or uses
     * a form this reader does not know.
     */
    static void read(ByteBuffer section, Optional<ByteBuffer> lineStrings, Optional<ByteBuffer> strings,
            RangeSink sink) {
        var reader = new DwarfLineReader(section, lineStrings, strings);
        try {
            while (reader.in.remaining() > 0) {
                reader.unit(sink);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException malformed) {
            // Keep the ranges read so far; see LineTable.
        }
    }

    private void unit(RangeSink sink) {
        long length = u32();
        boolean dwarf64 = length == 0xffff_ffffL;
        if (dwarf64) {
            length = in.getLong();
        }
        int end = Math.toIntExact(in.position() + length);
        int version = u16();
        if (version < 2 || version > 5) {
            throw new IllegalArgumentException("line table version " + version);
        }
        if (version >= 5) {
            in.get(); // address size: Wasm DWARF addresses are 4 bytes, set_address says its own length
            in.get(); // segment selector size
        }
        long headerLength = dwarf64 ? in.getLong() : u32();
        int programStart = Math.toIntExact(in.position() + headerLength);
        int minimumInstructionLength = u8();
        if (version >= 4) {
            in.get(); // maximum operations per instruction: 1 for everything but VLIW
        }
        in.get(); // default is_stmt
        int lineBase = in.get();
        int lineRange = u8();
        int opcodeBase = u8();
        int[] operandCounts = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) {
            operandCounts[i] = u8();
        }
        if (lineRange == 0) {
            throw new IllegalArgumentException("line_range 0");
        }
        List<String> files = version >= 5 ? filesV5(dwarf64) : filesV4();
        in.position(programStart);
        new Program(files, minimumInstructionLength, lineBase, lineRange, opcodeBase, operandCounts).run(end, sink);
        in.position(end);
    }

    /** DWARF 2-4: include directories, then files; file 1 is the first. */
    private List<String> filesV4() {
        var directories = new ArrayList<String>();
        directories.add(""); // 0: the compilation directory, which only .debug_info names
        for (String directory = cString(); !directory.isEmpty(); directory = cString()) {
            directories.add(directory);
        }
        var files = new ArrayList<String>();
        files.add(""); // file numbers start at 1
        for (String name = cString(); !name.isEmpty(); name = cString()) {
            files.add(join(directories, uleb(), name));
            uleb(); // modification time
            uleb(); // length
        }
        return files;
    }

    /** DWARF 5: self-describing entry formats for directories and files; file 0 is the first. */
    private List<String> filesV5(boolean dwarf64) {
        List<String[]> directories = entries(dwarf64);
        var directoryPaths = new ArrayList<String>();
        for (String[] directory : directories) {
            directoryPaths.add(directory[0] == null ? "" : directory[0]);
        }
        var files = new ArrayList<String>();
        for (String[] file : entries(dwarf64)) {
            int directory = file[1] == null ? 0 : Integer.parseInt(file[1]);
            files.add(join(directoryPaths, directory, file[0] == null ? "" : file[0]));
        }
        return files;
    }

    /** One DWARF 5 entry list: each entry as {path, directory index}, either possibly null. */
    private List<String[]> entries(boolean dwarf64) {
        int formatCount = u8();
        long[][] formats = new long[formatCount][];
        for (int i = 0; i < formatCount; i++) {
            formats[i] = new long[] {uleb(), uleb()};
        }
        long count = uleb();
        var entries = new ArrayList<String[]>();
        for (long e = 0; e < count; e++) {
            var entry = new String[2];
            for (long[] format : formats) {
                String value = attribute((int) format[1], dwarf64);
                if (format[0] == DW_LNCT_PATH) {
                    entry[0] = value;
                } else if (format[0] == DW_LNCT_DIRECTORY_INDEX) {
                    entry[1] = value;
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    /** Reads one attribute value of a DWARF 5 entry; strings as text, numbers in decimal. */
    private String attribute(int form, boolean dwarf64) {
        return switch (form) {
            case 0x08 -> cString(); // DW_FORM_string
            case 0x1f -> stringAt(lineStrings, offset(dwarf64)); // DW_FORM_line_strp
            case 0x0e -> stringAt(strings, offset(dwarf64)); // DW_FORM_strp
            case 0x0b -> Integer.toString(u8()); // DW_FORM_data1
            case 0x05 -> Integer.toString(u16()); // DW_FORM_data2
            case 0x06 -> Long.toString(u32()); // DW_FORM_data4
            case 0x07 -> Long.toString(in.getLong()); // DW_FORM_data8
            case 0x0f -> Long.toString(uleb()); // DW_FORM_udata
            case 0x1e -> skip(16); // DW_FORM_data16 (an MD5)
            case 0x09 -> skip(Math.toIntExact(uleb())); // DW_FORM_block
            default -> throw new IllegalArgumentException("DWARF form 0x" + Integer.toHexString(form));
        };
    }

    private long offset(boolean dwarf64) {
        return dwarf64 ? in.getLong() : u32();
    }

    private String skip(int bytes) {
        in.position(in.position() + bytes);
        return null;
    }

    private static String stringAt(Optional<ByteBuffer> section, long offset) {
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

    private static String join(List<String> directories, long index, String name) {
        if (name.startsWith("/") || index <= 0 || index >= directories.size() || directories.get((int) index).isEmpty()) {
            return name;
        }
        String directory = directories.get((int) index);
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    /** The state machine of one unit's line-number program. */
    private final class Program {
        private final List<String> files;
        private final int minimumInstructionLength;
        private final int lineBase;
        private final int lineRange;
        private final int opcodeBase;
        private final int[] operandCounts;

        private long address;
        private int file;
        private int line;
        private int column;
        /** The previous row of the current sequence: its range ends where the next row starts. */
        private SourceLine pending;
        private long pendingAddress;

        Program(List<String> files, int minimumInstructionLength, int lineBase, int lineRange, int opcodeBase,
                int[] operandCounts) {
            this.files = files;
            this.minimumInstructionLength = minimumInstructionLength;
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
            pending = null;
        }

        void run(int end, RangeSink sink) {
            while (in.position() < end) {
                int opcode = u8();
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
            int length = Math.toIntExact(uleb());
            int next = in.position() + length;
            int opcode = length == 0 ? -1 : u8();
            if (opcode == DW_LNE_END_SEQUENCE) {
                row(sink);
                reset();
            } else if (opcode == DW_LNE_SET_ADDRESS) {
                address = length - 1 == 8 ? in.getLong() : u32();
            } else if (opcode == DW_LNE_DEFINE_FILE) {
                files.add(cString());
            }
            in.position(next);
        }

        private void standard(int opcode, RangeSink sink) {
            switch (opcode) {
                case DW_LNS_COPY -> row(sink);
                case DW_LNS_ADVANCE_PC -> address += uleb() * minimumInstructionLength;
                case DW_LNS_ADVANCE_LINE -> line += (int) sleb();
                case DW_LNS_SET_FILE -> file = Math.toIntExact(uleb());
                case DW_LNS_SET_COLUMN -> column = Math.toIntExact(uleb());
                case DW_LNS_CONST_ADD_PC -> address += (long) ((255 - opcodeBase) / lineRange) * minimumInstructionLength;
                case DW_LNS_FIXED_ADVANCE_PC -> address += u16();
                default -> {
                    for (int i = 0; i < operandCounts[opcode]; i++) {
                        uleb();
                    }
                }
            }
        }

        /** Appends a row: the previous row's range ends here. */
        private void row(RangeSink sink) {
            if (pending != null && address > pendingAddress) {
                sink.range(pendingAddress, address, pending);
            }
            String path = file >= 0 && file < files.size() ? files.get(file) : "";
            pending = new SourceLine(path, line, column);
            pendingAddress = address;
        }
    }

    private int u8() {
        return in.get() & 0xff;
    }

    private int u16() {
        return in.getShort() & 0xffff;
    }

    private long u32() {
        return in.getInt() & 0xffff_ffffL;
    }

    private long uleb() {
        return leb(false);
    }

    private long sleb() {
        return leb(true);
    }

    /** A LEB128 number; bits beyond 64 are dropped, as no field here needs them. */
    private long leb(boolean signed) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
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

    private String cString() {
        int start = in.position();
        while (in.get() != 0) {
            // scan to the terminator
        }
        byte[] bytes = new byte[in.position() - start - 1];
        in.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
