package io.github.chicorygdbstub.runtime.locate;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import io.github.chicorygdbstub.dwarf.DebugInfo;
import io.github.chicorygdbstub.dwarf.LineTable;
import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Resolves breakpoint locations to instruction starts in a module's code: by function or export
 * name, by source line through the DWARF line table, or by module offset. Every method reads the
 * module only and returns its locations sorted by offset, each offset once; a location that is
 * in no function of this module gives an empty list rather than an exception, because a program
 * of several modules is searched one module at a time. {@link BreakpointSpec#suggestions} names
 * near misses for a caller that reports them.
 */
public final class CodeLocator {
    private CodeLocator() {}

    /**
     * Where a function's code starts: the first instruction of its body, after the local
     * declarations. The function's frame is not set up there yet (the prologue follows), as at a
     * breakpoint on a Wasm function's first instruction in any debugger.
     *
     * <p>A name is looked for, all at once, among the {@code name} section's function names
     * ({@code func[N]} for a function it leaves unnamed), the DWARF names and linkage (mangled)
     * names of functions, and the DWARF names of inlined functions, each inlined copy being a
     * location of its own. Export names count only when none of those matches: a WASI command
     * exports wasm-ld's {@code _start.command_export} wrapper as {@code _start} while the
     * {@code name} section names the real {@code _start}, and a breakpoint there should not stop
     * twice; but an export named unlike any function ({@code process} for
     * {@code process_values}) still resolves, to the function the export calls.
     *
     * @param image the module
     * @param name the name, compared exactly (case included)
     * @return the entries; empty when nothing in the module has that name
     * @throws IllegalArgumentException if the name is blank
     */
    public static List<ResolvedLocation> functionEntry(ModuleImage image, String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a function name must not be blank");
        }
        var offsets = new TreeSet<Integer>();
        for (FunctionRange function : image.functions()) {
            if (function.name().equals(name)) {
                offsets.add(function.firstInstruction());
            }
        }
        for (DebugInfo.FunctionEntry entry : image.debugInfo().functionEntries()) {
            if (entry.name().equals(name) || entry.linkageName().equals(name)) {
                entryInstruction(image, entry).ifPresent(offsets::add);
            }
        }
        if (offsets.isEmpty()) {
            exportedFunctions(image, name).forEach(f -> offsets.add(f.firstInstruction()));
        }
        return offsets.stream().map(offset -> locationAt(image, offset, null)).toList();
    }

    /**
     * Where the code of a source line starts, as LLDB places a line breakpoint.
     *
     * <p>The file matches a line-table file whose path ends with the given components, so
     * {@code plugin.c} and {@code src/plugin.c} both name {@code /work/src/plugin.c} (and every
     * other {@code plugin.c} of the module); a whole path matches the table's path joined to the
     * module's compilation directory. Components are compared exactly: {@code in.c} does not name
     * {@code plugin.c}.
     *
     * <p>Only statement rows (is_stmt) count. A line without such a row moves to the next line that
     * has one within the same function (and the same inlined copy): a blank line, a comment or a
     * closing brace inside a function resolves to the next statement, while a line outside every
     * function (between two of them, past the last one) resolves to nothing rather than into the
     * function below. When several lines of one function have code only apart from each other,
     * such as a loop's condition and its increment on one line, the breakpoint goes at the line's
     * first (lowest) address in that function only, so that it stops once per pass; each inlined
     * copy of the line is a location of its own. Row addresses that fall on a body's local
     * declarations move to the body's first instruction, so a function's opening line resolves
     * there even when the table gives that instruction the next line.
     *
     * @param image the module
     * @param file the file: its name, a trailing part of its path, or its whole path
     * @param line the 1-based line
     * @return the locations, each with the file as the table names it and the line it moved to;
     *     empty when no file matches, the module has no line table, or no function has code at or
     *     after the line
     * @throws IllegalArgumentException if the file is blank or the line is below 1
     */
    public static List<ResolvedLocation> sourceLine(ModuleImage image, String file, int line) {
        if (Objects.requireNonNull(file, "file").isBlank()) {
            throw new IllegalArgumentException("a source file must not be blank");
        }
        if (line < 1) {
            throw new IllegalArgumentException("source lines start at 1, not " + line);
        }
        List<Statement> statements = inlinedCopiesApart(image, spanning(statements(image, file), line));
        Map<Copy, Integer> firstLines = new HashMap<>();
        boolean exact = false;
        for (Statement statement : statements) {
            firstLines.merge(statement.copy(), statement.line(), Math::min);
            exact |= statement.line() == line;
        }
        int resolved = exact ? line : statements.stream()
                .filter(s -> s.line() > line && firstLines.get(s.copy()) <= line)
                .mapToInt(Statement::line).min().orElse(-1);
        Map<Copy, Statement> first = new HashMap<>();
        for (Statement statement : statements) {
            boolean eligible = exact || firstLines.get(statement.copy()) <= line;
            if (statement.line() == resolved && eligible) {
                first.merge(statement.copy(), statement, (a, b) -> a.offset() <= b.offset() ? a : b);
            }
        }
        return first.values().stream()
                .map(s -> locationAt(image, s.offset(), s))
                .sorted(Comparator.comparingInt(ResolvedLocation::offset))
                .toList();
    }

    /**
     * The instruction a breakpoint at a module offset lands on: the offset itself when an
     * instruction starts there, else the next instruction start in the same body (an offset among
     * a body's local declarations lands on its first instruction, one inside an instruction's
     * immediates on the next instruction), as {@link ModuleImage#instructionAtOrAfter} places it.
     *
     * @param image the module
     * @param offset a file offset
     * @return that one location; empty when the offset is inside no function body
     */
    public static List<ResolvedLocation> moduleOffset(ModuleImage image, int offset) {
        OptionalInt instruction = image.instructionAtOrAfter(offset);
        return instruction.isPresent() ? List.of(locationAt(image, instruction.getAsInt(), null)) : List.of();
    }

    /** The code a DWARF function entry names, when it is code of this module's bodies. */
    private static OptionalInt entryInstruction(ModuleImage image, DebugInfo.FunctionEntry entry) {
        if (entry.inlined()) {
            return image.instructionAtOrAfter(entry.offset());
        }
        // A body's DWARF start is the body's start exactly; anything else is a function the linker
        // dropped and moved onto other code (older wasm-ld used address 0).
        return image.functionAt(entry.offset())
                .filter(f -> f.bodyStart() == entry.offset())
                .map(f -> OptionalInt.of(f.firstInstruction()))
                .orElse(OptionalInt.empty());
    }

    /** {@return every function name that {@link #functionEntry} resolves in the module, sorted} */
    static List<String> functionNames(ModuleImage image) {
        var names = new TreeSet<String>();
        for (FunctionRange function : image.functions()) {
            names.add(function.name());
        }
        for (DebugInfo.FunctionEntry entry : image.debugInfo().functionEntries()) {
            if (entryInstruction(image, entry).isPresent()) {
                names.add(entry.name());
                names.add(entry.linkageName());
            }
        }
        ExportSection exports = image.wasmModule().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            exportedFunction(image, export).ifPresent(f -> names.add(export.name()));
        }
        names.remove("");
        return List.copyOf(names);
    }

    /** The defined functions exported under a name. */
    private static List<FunctionRange> exportedFunctions(ModuleImage image, String name) {
        var found = new ArrayList<FunctionRange>();
        ExportSection exports = image.wasmModule().exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.name().equals(name)) {
                exportedFunction(image, export).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The body an export names: none for a memory, table or global, nor for an exported import. */
    private static Optional<FunctionRange> exportedFunction(ModuleImage image, Export export) {
        int defined = export.index() - image.importedFunctionCount();
        boolean hasBody = export.exportType() == ExternalType.FUNCTION && defined >= 0 && defined < image.functions().size();
        return hasBody ? Optional.of(image.functions().get(defined)) : Optional.empty();
    }

    /** Which copy of a file's code a row belongs to: a function, an inlined call in it (or -1), a file. */
    record Copy(int functionIndex, int inlinedCall, String path) {}

    /** A statement row of the line table, placed on an instruction. */
    record Statement(int offset, int line, Copy copy) {}

    /**
     * The statements of the copies whose lines reach from at most {@code line} to at least it: no
     * other copy can hold the line or move a breakpoint to a later one. A copy split into inlined
     * calls spans no more lines than the whole did, so the split can wait until after this cut.
     */
    private static List<Statement> spanning(List<Statement> statements, int line) {
        Map<Copy, int[]> spans = new HashMap<>();
        for (Statement statement : statements) {
            spans.merge(statement.copy(), new int[] {statement.line(), statement.line()},
                    (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        return statements.stream().filter(s -> {
            int[] span = spans.get(s.copy());
            return span[0] <= line && line <= span[1];
        }).toList();
    }

    /** The statements with each placed in its inlined call, which is slow to find for every row of a file. */
    private static List<Statement> inlinedCopiesApart(ModuleImage image, List<Statement> statements) {
        DebugInfo info = image.debugInfo();
        return statements.stream().map(s -> {
            Copy copy = s.copy();
            int call = info.inlinedCallAt(s.offset()).orElse(-1);
            return new Statement(s.offset(), s.line(), new Copy(copy.functionIndex(), call, copy.path()));
        }).toList();
    }

    /**
     * The statement rows of the files that match, each moved onto the first instruction at or
     * after its start and attributed to its function (not yet to an inlined call).
     */
    static List<Statement> statements(ModuleImage image, String file) {
        var statements = new ArrayList<Statement>();
        for (LineTable.Row row : image.lineTable().rows(SourcePaths.naming(image, file))) {
            if (!row.statement() || row.line().line() <= 0) {
                continue;
            }
            // A function's opening line may cover only the body's local declarations: it moves onto
            // the first instruction, which the table gives the next line.
            OptionalInt instruction = image.instructionAtOrAfter(row.start());
            if (instruction.isEmpty()) {
                continue;
            }
            int offset = instruction.getAsInt();
            int function = image.functionIndexAt(offset).orElseThrow();
            statements.add(new Statement(offset, row.line().line(), new Copy(function, -1, row.line().path())));
        }
        return statements;
    }

    /** A location at an instruction start; the file and line are the statement's, or the table's. */
    private static ResolvedLocation locationAt(ModuleImage image, int offset, Statement statement) {
        FunctionRange function = image.functionAt(offset).orElseThrow();
        if (statement != null) {
            return new ResolvedLocation(offset, function.functionIndex(), function.name(), statement.copy().path(),
                    statement.line());
        }
        Optional<SourceLine> source = image.lineTable().at(offset).filter(l -> l.line() > 0);
        return new ResolvedLocation(offset, function.functionIndex(), function.name(),
                source.map(SourceLine::path).orElse(""), source.map(SourceLine::line).orElse(0));
    }
}
