package io.github.chicorygdbstub.dwarf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A module's DWARF line table ({@code .debug_line}, versions 2 to 5) as ranges of file offsets,
 * for showing where a frame is in the source and where a line's code is. Debuggers that read
 * DWARF themselves do not need it; it serves clients that cannot (GDB 13 knows no Wasm) and the
 * views the server prints itself.
 *
 * <p>Wasm DWARF addresses are offsets into the Code section's payload; here they are turned into
 * file offsets, the unit of every other offset in the runtime. Ranges outside the Code section
 * are left out: wasm-ld moves the line programs of functions it dropped to such an address (-1
 * or -2); older linkers moved them to 0, where they overlap real code, and such a table may name
 * a wrong line there. A malformed unit loses its own lines only ({@link DwarfLineReader}).
 *
 * <p>Reading the table of the 11.6 MB benchmark module (2.2 MB of {@code .debug_line}, 560,000
 * ranges) took 0.3 s the first time in a fresh JVM and 0.1-0.15 s once the JIT had compiled the
 * reader; {@code ModuleImage.lineTable()} reads it once per module.
 */
public final class LineTable {
    private static final LineTable EMPTY = new LineTable(List.of());

    private final int[] starts;
    private final int[] ends;
    private final SourceLine[] lines;
    private final boolean[] statements;

    private LineTable(List<Range> ranges) {
        int count = ranges.size();
        starts = new int[count];
        ends = new int[count];
        lines = new SourceLine[count];
        statements = new boolean[count];
        for (int i = 0; i < count; i++) {
            Range range = ranges.get(i);
            starts[i] = range.start();
            ends[i] = range.end();
            lines[i] = range.line();
            statements[i] = range.statement();
        }
    }

    /**
     * Reads a line table.
     *
     * @param sections the module's DWARF sections
     * @param codeOffset file offset of the Code section's payload, which DWARF addresses count from
     * @param codeSize size of that payload
     * @return the table; an empty one (of {@link #size()} 0) when the module has no usable {@code .debug_line}
     */
    public static LineTable read(DwarfSections sections, int codeOffset, int codeSize) {
        if (sections.get(".debug_line").isEmpty() || codeOffset < 0) {
            return EMPTY;
        }
        var ranges = new ArrayList<Range>();
        DwarfLineReader.read(sections.get(".debug_line").get(), sections.get(".debug_line_str"), sections.get(".debug_str"),
                (start, end, line, statement) -> {
                    boolean inCode = start >= 0 && start < end && end <= codeSize;
                    if (inCode && !line.path().isEmpty()) {
                        ranges.add(new Range((int) start + codeOffset, (int) end + codeOffset, line, statement));
                    }
                });
        ranges.sort(Comparator.comparingInt(Range::start));
        return new LineTable(ranges);
    }

    /**
     * The source line of an instruction.
     *
     * @param fileOffset the instruction's file offset
     * @return its line, or empty if the table does not cover it
     */
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
     * Where the code of a line starts, as debuggers place a line breakpoint: the first statement
     * (is_stmt) offset of each run of ranges attributed to the line. A line has several runs when its
     * code is split, such as a loop's condition.
     *
     * @param file the file's path as the table gives it, or its last path component
     * @param line the 1-based line
     * @return the file offsets, in address order; empty when no code is attributed to the line
     */
    public List<Integer> offsetsOf(String file, int line) {
        var offsets = new ArrayList<Integer>();
        boolean runHasStatement = false;
        for (int i = 0; i < lines.length; i++) {
            SourceLine candidate = lines[i];
            boolean sameRun = i > 0 && ends[i - 1] == starts[i] && lines[i - 1].line() == candidate.line()
                    && lines[i - 1].path().equals(candidate.path());
            if (!sameRun) {
                runHasStatement = false;
            }
            boolean wanted = candidate.line() == line
                    && (candidate.path().equals(file) || candidate.fileName().equals(file));
            if (wanted && statements[i]) {
                if (!runHasStatement) {
                    offsets.add(starts[i]);
                }
                runHasStatement = true;
            }
        }
        return List.copyOf(offsets);
    }

    /**
     * One address range of the table.
     *
     * @param start file offset of the range's first byte
     * @param end file offset just past the range
     * @param line the source line of the range
     * @param statement whether the range starts a statement (is_stmt), where debuggers place line breakpoints
     */
    public record Row(int start, int end, SourceLine line, boolean statement) {}

    /**
     * The ranges of some files, for callers that match file names their own way (by path
     * suffix, against compilation directories) rather than as {@link #offsetsOf} does.
     *
     * @param path accepts the files wanted, given each {@link SourceLine#path()} once
     * @return those files' ranges, in address order
     */
    public List<Row> rows(Predicate<String> path) {
        var accepted = new HashMap<String, Boolean>();
        var rows = new ArrayList<Row>();
        for (int i = 0; i < lines.length; i++) {
            if (accepted.computeIfAbsent(lines[i].path(), path::test)) {
                rows.add(new Row(starts[i], ends[i], lines[i], statements[i]));
            }
        }
        return List.copyOf(rows);
    }

    /** {@return the files the table names (as {@link SourceLine#path()} gives them), each once, sorted} */
    public List<String> paths() {
        return Arrays.stream(lines).map(SourceLine::path).distinct().sorted().toList();
    }

    /** {@return the number of address ranges; 0 when the module has no usable line table} */
    public int size() {
        return starts.length;
    }

    private record Range(int start, int end, SourceLine line, boolean statement) {}
}
