package dev.chicory.gdbstub.runtime.module;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A module's DWARF line table ({@code .debug_line}, versions 2 to 5) as ranges of file offsets,
 * for showing where a frame is in the source. Debuggers that read DWARF themselves do not need
 * it; it serves clients that cannot (GDB 13 knows no Wasm) and views the server prints itself.
 *
 * <p>Wasm DWARF addresses are offsets into the Code section's payload; here they are turned into
 * file offsets, the unit of every other offset in the runtime. Sequences of functions the linker
 * dropped (their addresses lie outside the Code section) are left out. A line table that cannot
 * be read is cut short at its first malformed unit: a bad table loses lines, never the module.
 */
public final class LineTable {
    private static final LineTable EMPTY = new LineTable(new int[0], new int[0], new SourceLine[0]);

    private final int[] starts;
    private final int[] ends;
    private final SourceLine[] lines;

    private LineTable(int[] starts, int[] ends, SourceLine[] lines) {
        this.starts = starts;
        this.ends = ends;
        this.lines = lines;
    }

    /** The line table of an image, empty when it has no {@code .debug_line} section. */
    public static LineTable of(ModuleImage image) {
        Optional<ByteBuffer> section = image.customSection(".debug_line");
        if (section.isEmpty() || image.codeSectionOffset() < 0) {
            return EMPTY;
        }
        var ranges = new ArrayList<Range>();
        DwarfLineReader.read(section.get(), image.customSection(".debug_line_str"), image.customSection(".debug_str"),
                (start, end, line) -> {
                    if (start < end && end <= image.codeSectionSize()) {
                        int base = image.codeSectionOffset();
                        ranges.add(new Range((int) start + base, (int) end + base, line));
                    }
                });
        ranges.sort(Comparator.comparingInt(Range::start));
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        var lines = new SourceLine[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            starts[i] = ranges.get(i).start();
            ends[i] = ranges.get(i).end();
            lines[i] = ranges.get(i).line();
        }
        return new LineTable(starts, ends, lines);
    }

    /** The source line of the instruction at a file offset, if the table covers it. */
    public Optional<SourceLine> at(int fileOffset) {
        int i = Arrays.binarySearch(starts, fileOffset);
        // The last range that starts at or before the offset; equal starts sort in any order.
        int index = i >= 0 ? i : -i - 2;
        while (index + 1 < starts.length && starts[index + 1] == fileOffset) {
            index++;
        }
        return index >= 0 && fileOffset < ends[index] ? Optional.of(lines[index]) : Optional.empty();
    }

    /**
     * The file offsets where code for a line starts: the first offset of each range attributed to
     * {@code line} of a file whose name (last path component) or path is {@code file}.
     */
    public List<Integer> offsetsOf(String file, int line) {
        var offsets = new ArrayList<Integer>();
        for (int i = 0; i < lines.length; i++) {
            SourceLine candidate = lines[i];
            boolean sameFile = candidate.path().equals(file) || candidate.fileName().equals(file);
            boolean continues = i > 0 && ends[i - 1] == starts[i] && lines[i - 1].line() == line
                    && lines[i - 1].path().equals(candidate.path());
            if (sameFile && candidate.line() == line && !continues) {
                offsets.add(starts[i]);
            }
        }
        return List.copyOf(offsets);
    }

    /** Number of address ranges; 0 when the module has no usable line table. */
    public int size() {
        return starts.length;
    }

    private record Range(int start, int end, SourceLine line) {}
}
