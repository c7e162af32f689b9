package io.github.chicorygdbstub.dwarf;

import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_ABSTRACT_ORIGIN;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_COMP_DIR;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_FRAME_BASE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_HIGH_PC;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_LINKAGE_NAME;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_LOCATION;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_LOW_PC;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_NAME;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_RANGES;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_SPECIFICATION;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_AT_TYPE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_FORMAL_PARAMETER;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_INLINED_SUBROUTINE;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_LEXICAL_BLOCK;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_SUBPROGRAM;
import static io.github.chicorygdbstub.dwarf.DwarfNames.DW_TAG_VARIABLE;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source-level variables of a module's DWARF ({@code .debug_info}, versions 2 to 5): which
 * parameters and local variables are in scope at an instruction, and their values in a stopped
 * frame, formatted as C. LLDB 19 cannot evaluate {@code DW_OP_WASM_location} (it shows
 * {@code <Unhandled opcode DW_OP_WASM_location in DWARFExpression>} for each variable) and GDB 13
 * reads no Wasm DWARF; this is what the server shows them instead.
 *
 * <p>Functions are found by their {@code DW_AT_low_pc}/{@code DW_AT_high_pc}; nested lexical
 * blocks and inlined calls count when the instruction lies in their range or range list (or
 * they name none). Location lists of optimized code are followed to
 * the entry for the instruction. Like {@link LineTable}, a malformed section loses what it
 * cannot read, never the module.
 */
public final class DebugInfo {
    private static final Logger LOG = LoggerFactory.getLogger(DebugInfo.class);
    private static final DebugInfo EMPTY = new DebugInfo(null, 0, new Function[0], new Function[0]);

    /** Bytes of memory read for one variable: a big array or struct is shown in part. */
    static final int MAX_READ = 4096;


    private final DebugInfoReader reader;
    private final int codeOffset;
    /** Functions with code, sorted by start: a binary search finds the one around an instruction. */
    private final Function[] functions;
    /** Inlined copies of functions that name one range (low/high pc), in DIE order. */
    private final Function[] inlinedCopies;
    /** Built on first use, as {@code ModuleImage} builds this index; a race builds equal lists. */
    private volatile List<FunctionEntry> entries;

    /** A subprogram's (or an inlined copy's) code range in DWARF addresses and where its DIE is. */
    private record Function(long low, long high, int die) {}

    /**
     * Where the code of a function starts, under the names DWARF gives the function: what a
     * breakpoint by function name needs when the {@code name} section is missing or names the
     * function otherwise (clang's {@code main} is {@code __original_main} there).
     *
     * @param name the function's {@code DW_AT_name}, taken from its declaration or abstract origin
     *     when the entry itself has none; empty for a nameless function
     * @param linkageName its {@code DW_AT_linkage_name} (a C++ or Rust mangled name) found the same
     *     way; empty when there is none
     * @param offset file offset where the code starts: for the function's own body the body's start
     *     (its local declarations, not yet an instruction), for an inlined copy the copy's first byte
     * @param inlined true for a copy inlined into another function, false for the function's own body
     */
    public record FunctionEntry(String name, String linkageName, int offset, boolean inlined) {}

    private DebugInfo(DebugInfoReader reader, int codeOffset, Function[] functions, Function[] inlinedCopies) {
        this.reader = reader;
        this.codeOffset = codeOffset;
        this.functions = functions;
        this.inlinedCopies = inlinedCopies;
    }

    /**
     * Indexes a module's functions.
     *
     * @param sections the module's DWARF sections
     * @param codeOffset file offset of the Code section's payload, which DWARF addresses count from
     * @return the index; empty (see {@link #isEmpty()}) when the module has no usable {@code .debug_info}
     */
    public static DebugInfo read(DwarfSections sections, int codeOffset) {
        if (sections.get(".debug_info").isEmpty() || sections.get(".debug_abbrev").isEmpty() || codeOffset < 0) {
            return EMPTY;
        }
        var reader = new DebugInfoReader(sections);
        var functions = new ArrayList<Function>();
        var inlinedCopies = new ArrayList<Function>();
        for (CompileUnit unit : reader.units()) {
            try {
                index(reader, unit, functions, inlinedCopies);
            } catch (RuntimeException malformed) {
                LOG.debug(".debug_info: unit at 0x{} indexed in part: {}", Integer.toHexString(unit.start),
                        malformed.toString());
            }
        }
        functions.sort(Comparator.comparingLong(Function::low));
        return new DebugInfo(reader, codeOffset, functions.toArray(Function[]::new),
                inlinedCopies.toArray(Function[]::new));
    }

    /** Walks every DIE of a unit in order, noting the subprograms and inlined copies that have code. */
    private static void index(DebugInfoReader reader, CompileUnit unit, List<Function> functions,
            List<Function> inlinedCopies) {
        int position = unit.firstDie;
        while (position < unit.end) {
            Die die = reader.die(position, unit);
            if (die == null) {
                position++; // the null entry closing a list of children (or padding)
                continue;
            }
            if (die.tag() == DW_TAG_SUBPROGRAM) {
                range(reader, die).ifPresent(r -> functions.add(new Function(r[0], r[1], die.offset)));
            } else if (die.tag() == DW_TAG_INLINED_SUBROUTINE) {
                range(reader, die).ifPresent(r -> inlinedCopies.add(new Function(r[0], r[1], die.offset)));
            }
            position = die.end;
        }
    }

    /** A DIE's {@code [low_pc, high_pc)}; high_pc is an offset from low_pc unless it is an address. */
    private static Optional<long[]> range(DebugInfoReader reader, Die die) {
        Optional<Long> low = reader.number(die, DW_AT_LOW_PC);
        Optional<Long> high = reader.number(die, DW_AT_HIGH_PC);
        if (low.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        int form = die.forms[die.abbreviation.indexOf(DW_AT_HIGH_PC)];
        boolean address = form == 0x01 || form == 0x1b || (form >= 0x29 && form <= 0x2c);
        long end = address ? high.get() : low.get() + high.get();
        return end > low.get() ? Optional.of(new long[] {low.get(), end}) : Optional.empty();
    }

    /**
     * {@return the compilation directories of the module's units ({@code DW_AT_comp_dir}), each
     * once, in unit order: where a line table's relative file names are relative to}
     */
    public List<String> compilationDirectories() {
        if (reader == null) {
            return List.of();
        }
        var directories = new java.util.LinkedHashSet<String>();
        for (CompileUnit unit : reader.units()) {
            try {
                Die root = reader.die(unit.firstDie, unit);
                if (root != null) {
                    reader.string(root, DW_AT_COMP_DIR).filter(d -> !d.isEmpty()).ifPresent(directories::add);
                }
            } catch (RuntimeException malformed) {
                LOG.debug(".debug_info: unit at 0x{} has no readable comp_dir", Integer.toHexString(unit.start));
            }
        }
        return List.copyOf(directories);
    }

    /**
     * {@return every function body and inlined copy that DWARF gives a code range, with the names
     * it gives the function, in address order} Inlined copies whose code is described by a range
     * list alone (optimized code split in pieces) are left out: a copy is found by its single
     * range's start. Entries whose names cannot be read have empty names.
     */
    public List<FunctionEntry> functionEntries() {
        List<FunctionEntry> list = entries;
        if (list == null) {
            var all = new ArrayList<FunctionEntry>(functions.length + inlinedCopies.length);
            for (Function function : functions) {
                entry(function, false).ifPresent(all::add);
            }
            for (Function copy : inlinedCopies) {
                entry(copy, true).ifPresent(all::add);
            }
            all.sort(Comparator.comparingInt(FunctionEntry::offset));
            list = List.copyOf(all);
            entries = list;
        }
        return list;
    }

    private Optional<FunctionEntry> entry(Function function, boolean inlined) {
        long offset = function.low() + codeOffset;
        if (offset > Integer.MAX_VALUE) {
            return Optional.empty(); // a dropped function's tombstone address, far past any code
        }
        String name = "";
        String linkageName = "";
        try {
            Die die = reader.die(function.die());
            if (die != null) {
                name = inherited(die, DW_AT_NAME).orElse("");
                linkageName = inherited(die, DW_AT_LINKAGE_NAME).orElse("");
            }
        } catch (RuntimeException malformed) {
            LOG.debug(".debug_info: function at 0x{} has no readable name", Integer.toHexString(function.die()));
        }
        return Optional.of(new FunctionEntry(name, linkageName, (int) offset, inlined));
    }

    /**
     * A string attribute of a function DIE, else of the DIEs it completes: an inlined copy or an
     * out-of-line instance names its abstract origin, a C++ definition its declaration. The chain
     * is followed a few steps only, as a malformed one may loop.
     */
    private Optional<String> inherited(Die die, int attribute) {
        Die current = die;
        for (int step = 0; step < 4 && current != null; step++) {
            Optional<String> value = reader.string(current, attribute).filter(v -> !v.isEmpty());
            if (value.isPresent()) {
                return value;
            }
            Die completing = current;
            Optional<Long> next = reader.reference(completing, DW_AT_ABSTRACT_ORIGIN)
                    .or(() -> reader.reference(completing, DW_AT_SPECIFICATION));
            current = next.map(reader::die).orElse(null);
        }
        return Optional.empty();
    }

    /**
     * The innermost inlined call whose code holds an instruction. Code at one source line that is
     * inlined twice into one function has two such calls, so callers use this to tell the copies
     * apart.
     *
     * @param fileOffset the instruction's file offset
     * @return the offset in {@code .debug_info} of that call's {@code DW_TAG_inlined_subroutine}
     *     entry, which identifies the copy; empty when the instruction is in no inlined call (or no
     *     function with debugging information holds it)
     */
    public OptionalInt inlinedCallAt(int fileOffset) {
        long address = fileOffset - (long) codeOffset;
        int index = lastStartingAtOrBefore(address);
        if (index < 0 || address >= functions[index].high()) {
            return OptionalInt.empty();
        }
        try {
            int found = -1;
            Die scope = reader.die(functions[index].die());
            while (scope != null) {
                Die inner = null;
                for (Die child : reader.children(scope)) {
                    int tag = child.tag();
                    boolean ranged = child.has(DW_AT_LOW_PC) || child.has(DW_AT_RANGES);
                    if ((tag == DW_TAG_LEXICAL_BLOCK || (tag == DW_TAG_INLINED_SUBROUTINE && ranged))
                            && holds(child, address)) {
                        inner = child;
                        found = tag == DW_TAG_INLINED_SUBROUTINE ? child.offset : found;
                        break;
                    }
                }
                scope = inner; // children lie after their parent, so the descent ends
            }
            return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
        } catch (RuntimeException malformed) {
            return OptionalInt.empty();
        }
    }

    /** {@return whether the module has no usable debugging information} */
    public boolean isEmpty() {
        return functions.length == 0;
    }

    /**
     * The parameters and variables in scope at an instruction.
     *
     * @param fileOffset the instruction's file offset
     * @param frame the stopped frame the values are read from
     * @return one line each as {@code (type) name = value}, outermost scope first; empty when no
     *     function with debugging information holds the instruction
     */
    public List<String> variables(int fileOffset, FrameAccess frame) {
        try {
            Scope scope = scopeAt(fileOffset, frame);
            if (scope == null) {
                return List.of();
            }
            var formatter = formatterIn(scope, frame);
            return scope.variables().stream().map(v -> describe(v, scope, frame, formatter)).toList();
        } catch (RuntimeException | StackOverflowError malformed) { // a DIE tree nested beyond reason
            return List.of(unreadable(malformed));
        }
    }

    /**
     * One variable, or a C expression over one ({@link CExpression}: {@code point.x},
     * {@code path->label}, {@code values[2]}, {@code *text}, {@code &point}). The variable is the
     * innermost by that name in scope at the instruction, else a global (file-scope) variable of any
     * unit.
     *
     * @param expression a variable name, or an expression of the forms above
     * @param fileOffset the file offset of the instruction whose scope is searched
     * @param frame the stopped frame the values are read from
     * @return {@code (type) text = value}; or {@code text: reason} for an expression that cannot be
     *     evaluated, saying where one not of that form stops being so; empty when there is no
     *     variable by that name
     */
    public Optional<String> variable(String expression, int fileOffset, FrameAccess frame) {
        String text = expression.strip();
        CExpression parsed;
        try {
            parsed = CExpression.parse(text);
        } catch (IllegalArgumentException notC) {
            return Optional.of(notC.getMessage()); // it quotes the text
        }
        try {
            Scope scope = scopeAt(fileOffset, frame);
            var formatter = scope == null ? new TypeFormatter(reader, frame) : formatterIn(scope, frame);
            if (scope != null) {
                for (int i = scope.variables().size() - 1; i >= 0; i--) {
                    Die variable = scope.variables().get(i);
                    if (parsed.variable().equals(nameOf(variable))) {
                        return Optional.of(evaluate(parsed, text, variable, scope, frame, formatter));
                    }
                }
            }
            Scope fileScope = new Scope(List.of(), scope == null ? 0 : scope.address(), OptionalLong.empty());
            for (CompileUnit unit : reader.units()) {
                Die root = reader.die(unit.firstDie, unit);
                for (Die child : root == null ? List.<Die>of() : reader.children(root)) {
                    if (child.tag() == DW_TAG_VARIABLE && child.has(DW_AT_LOCATION)
                            && parsed.variable().equals(nameOf(child))) {
                        return Optional.of(evaluate(parsed, text, child, fileScope, frame, formatter));
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError malformed) {
            return Optional.of(unreadable(malformed));
        }
    }

    private String evaluate(CExpression expression, String text, Die variable, Scope scope, FrameAccess frame,
            TypeFormatter formatter) {
        if (expression.steps().isEmpty() && !expression.addressOf()) {
            return describe(variable, scope, frame, formatter);
        }
        Located located = locate(variable, scope, frame, formatter);
        if (located.object() == null) {
            return text + ": " + nameOf(variable) + " is <" + located.problem() + ">";
        }
        var evaluator = new CExpressionEvaluator(reader, formatter, frame, variable.unit.addressSize);
        try {
            return evaluator.show(text, evaluator.apply(located.object(), expression), expression.addressOf());
        } catch (CExpressionEvaluator.Unanswerable unanswerable) {
            return text + ": " + unanswerable.getMessage();
        }
    }

    /**
     * The bytes of a variable in pieces, in order: read from memory, taken from values, and
     * marked missing where a piece is nowhere (or its memory cannot be read).
     */
    private static CObject assemble(Die type, long typeSize, List<Location.Piece> pieces, FrameAccess frame) {
        int described = pieces.stream().mapToInt(Location.Piece::size).sum();
        int size = (int) Math.max(described, Math.min(typeSize, Location.MAX_PIECES_SIZE));
        byte[] bytes = new byte[size];
        var missing = new java.util.BitSet();
        missing.set(described, size); // pieces that end early leave the rest nowhere
        int at = 0;
        for (Location.Piece piece : pieces) {
            byte[] part = switch (piece.kind()) {
                case MEMORY -> frame.memory(piece.value(), piece.size());
                case VALUE -> TypeFormatter.littleEndianBytes(piece.value(), piece.size());
                case MISSING -> null;
            };
            if (part == null) {
                missing.set(at, at + piece.size());
            } else {
                System.arraycopy(part, 0, bytes, at, piece.size());
                if (piece.kind() == Location.Piece.Kind.VALUE && piece.size() > Long.BYTES) {
                    missing.set(at + Long.BYTES, at + piece.size()); // a value has 64 bits; the rest is nowhere
                }
            }
            at += piece.size();
        }
        return new CObject(type, 0, -1, bytes, missing);
    }

    /** A formatter that reads the variables a type refers to (a variable-length array's count) in the scope. */
    private TypeFormatter formatterIn(Scope scope, FrameAccess frame) {
        var scalars = new TypeFormatter(reader, frame);
        return new TypeFormatter(reader, frame, variable -> valueOf(variable, scope, frame, scalars));
    }

    /** An integer variable's value in the scope, by its type's signedness; empty when it is not one or is nowhere here. */
    private OptionalLong valueOf(Die variable, Scope scope, FrameAccess frame, TypeFormatter formatter) {
        if (variable.tag() != DW_TAG_VARIABLE && variable.tag() != DW_TAG_FORMAL_PARAMETER) {
            return OptionalLong.empty();
        }
        Located located = locate(variable, scope, frame, formatter);
        long size = located.object() == null || located.object().partlyMissing() ? -1 : formatter.size(located.type());
        if (size <= 0 || size > 8) {
            return OptionalLong.empty();
        }
        byte[] bytes = located.object().inMemory() ? frame.memory(located.object().address(), (int) size)
                : located.object().bytes();
        return bytes == null ? OptionalLong.empty()
                : OptionalLong.of(TypeFormatter.littleEndian(bytes, formatter.isSigned(located.type())));
    }

    private static String unreadable(Throwable malformed) {
        return "<debugging information unreadable here: " + malformed + ">";
    }

    /** The variables in scope at an instruction, outermost first, with what their locations need. */
    private record Scope(List<Die> variables, long address, OptionalLong frameBase) {}

    private Scope scopeAt(int fileOffset, FrameAccess frame) {
        long address = fileOffset - (long) codeOffset;
        int index = lastStartingAtOrBefore(address);
        if (index < 0 || address >= functions[index].high()) {
            return null;
        }
        Die function = reader.die(functions[index].die());
        if (function == null) {
            return null;
        }
        var variables = new ArrayList<Die>();
        collect(function, address, variables);
        return new Scope(variables, address, frameBase(function, frame));
    }

    private int lastStartingAtOrBefore(long address) {
        int lo = 0;
        int hi = functions.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (functions[mid].low() <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private OptionalLong frameBase(Die function, FrameAccess frame) {
        Optional<ByteBuffer> expression = reader.block(function, DW_AT_FRAME_BASE);
        if (expression.isEmpty()) {
            return OptionalLong.empty();
        }
        Location base = Location.evaluate(expression.get(), function.unit, reader, OptionalLong.empty(), frame);
        return base.unavailable() == null && !base.composite() ? OptionalLong.of(base.value()) : OptionalLong.empty();
    }

    private void collect(Die scope, long address, List<Die> variables) {
        for (Die child : reader.children(scope)) {
            int tag = child.tag();
            if (tag == DW_TAG_FORMAL_PARAMETER || tag == DW_TAG_VARIABLE) {
                variables.add(child);
            } else if ((tag == DW_TAG_LEXICAL_BLOCK || tag == DW_TAG_INLINED_SUBROUTINE) && holds(child, address)) {
                collect(child, address, variables);
            }
        }
    }

    /** A variable's name, or its abstract origin's (a concrete copy of an inlined function names none). */
    private String nameOf(Die variable) {
        return reader.string(variable, DW_AT_NAME)
                .or(() -> origin(variable).flatMap(o -> reader.string(o, DW_AT_NAME)))
                .orElse("<anonymous>");
    }

    private Optional<Die> origin(Die variable) {
        return reader.reference(variable, DW_AT_ABSTRACT_ORIGIN).map(reader::die);
    }

    /** Whether a scope's code holds an address: its low/high pc, else its range list, else (no range) yes. */
    private boolean holds(Die scope, long address) {
        Optional<long[]> range = range(reader, scope);
        if (range.isPresent()) {
            return address >= range.get()[0] && address < range.get()[1];
        }
        return !scope.has(DW_AT_RANGES) || reader.rangesContain(scope, DW_AT_RANGES, address);
    }

    private String describe(Die variable, Scope scope, FrameAccess frame, TypeFormatter formatter) {
        Located located = locate(variable, scope, frame, formatter);
        String problem = located.problem();
        if (problem == null) {
            try {
                return new CExpressionEvaluator(reader, formatter, frame, variable.unit.addressSize)
                        .show(nameOf(variable), located.object(), false);
            } catch (CExpressionEvaluator.Unanswerable unanswerable) {
                problem = unanswerable.getMessage();
            }
        }
        return "(" + formatter.name(located.type()) + ") " + nameOf(variable) + " = <" + problem + ">";
    }

    /** A variable's type and where it is, or why it is nowhere here. */
    private record Located(Die type, CObject object, String problem) {}

    private Located locate(Die variable, Scope scope, FrameAccess frame, TypeFormatter formatter) {
        Die typed = variable.has(DW_AT_TYPE) ? variable : origin(variable).orElse(variable);
        Die type = formatter.typeOf(typed);
        Optional<ByteBuffer> expression = reader.block(variable, DW_AT_LOCATION);
        if (expression.isEmpty() && variable.has(DW_AT_LOCATION)) {
            expression = reader.locationListEntry(variable, DW_AT_LOCATION, scope.address());
        }
        if (expression.isEmpty()) {
            return new Located(type, null, "optimized out");
        }
        Location location = Location.evaluate(expression.get(), variable.unit, reader, scope.frameBase(), frame);
        if (location.unavailable() != null) {
            return new Located(type, null, location.unavailable());
        }
        if (location.composite()) {
            return new Located(type, assemble(type, formatter.size(type), location.pieces(), frame), null);
        }
        if (location.inMemory()) {
            return new Located(type, CObject.inMemory(type, location.value()), null);
        }
        // A Wasm local, global or computed value: 64 bits at most.
        byte[] bytes = TypeFormatter.littleEndianBytes(location.value(), (int) Math.max(0, Math.min(formatter.size(type), 8)));
        return new Located(type, CObject.value(type, bytes), null);
    }
}
