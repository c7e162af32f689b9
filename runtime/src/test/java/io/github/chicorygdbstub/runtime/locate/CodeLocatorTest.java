package io.github.chicorygdbstub.runtime.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chicorygdbstub.dwarf.LineTable;
import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.TestModules;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Breakpoint resolution on clang 16's real output: {@code fib} (DWARF 4, and {@code fib_dwarf5}),
 * {@code inlined} (a helper inlined twice, an export named unlike its function) and a WAT module
 * without DWARF. Expected offsets come from the line table's own lookups ({@link
 * LineTable#offsetsOf}, {@link LineTable#at}), so each resolution is checked against a second path
 * through the same DWARF.
 */
class CodeLocatorTest {
    private static final ModuleImage FIB = TestModules.load("fib");
    private static final ModuleImage INLINED = TestModules.load("inlined");
    private static final int FIB_BASE = Fixtures.line("fib.c", "fib-base");
    private static final int FIB_REC_CALL = Fixtures.line("fib.c", "fib-rec-call");
    private static final int FIB_PRINT = Fixtures.line("fib.c", "fib-print");
    private static final int INLINED_BODY = Fixtures.line("inlined.c", "inlined-body");
    private static final int FIRST_CALL = Fixtures.line("inlined.c", "inlined-first-call");
    private static final int SECOND_CALL = Fixtures.line("inlined.c", "inlined-second-call");

    // ---- by function or export name ----

    @Test
    void aFunctionNameResolvesToTheFirstInstructionOfItsBody() {
        FunctionRange fib = TestModules.function(FIB, "fib");

        assertThat(CodeLocator.functionEntry(FIB, "fib")).containsExactly(
                new ResolvedLocation(fib.firstInstruction(), fib.functionIndex(), "fib", "fib.c", 7));
        assertThat(fib.firstInstruction()).as("past the local declarations").isGreaterThan(fib.bodyStart());
    }

    @Test
    void aDwarfNameFindsAFunctionTheNameSectionCallsOtherwise() {
        // clang renames a C main(void) to __original_main; only DWARF still calls it main.
        assertThat(FIB.functions()).noneMatch(f -> f.name().equals("main"));
        FunctionRange original = TestModules.function(FIB, "__original_main");

        List<ResolvedLocation> main = CodeLocator.functionEntry(FIB, "main");

        assertThat(main).extracting(ResolvedLocation::offset).containsExactly(original.firstInstruction());
        assertThat(main.get(0).function()).isEqualTo("__original_main");
        assertThat(main.get(0).line()).isEqualTo(Fixtures.line("fib.c", "fib-main-call") - 1);
    }

    @Test
    void anExportNamedUnlikeAnyFunctionResolvesToTheFunctionItExports() {
        assertThat(INLINED.functions()).noneMatch(f -> f.name().equals("process"));
        FunctionRange wrapper = TestModules.function(INLINED, "process_values.command_export");
        FunctionRange function = TestModules.function(INLINED, "process_values");

        assertThat(CodeLocator.functionEntry(INLINED, "process")).extracting(ResolvedLocation::offset)
                .as("the export is wasm-ld's wrapper, which the host calls").containsExactly(wrapper.firstInstruction());
        assertThat(CodeLocator.functionEntry(INLINED, "process_values")).extracting(ResolvedLocation::offset)
                .containsExactly(function.firstInstruction());
    }

    @Test
    void aFunctionNamedLikeAnExportWinsOverTheExport() {
        FunctionRange start = TestModules.function(FIB, "_start");
        FunctionRange wrapper = TestModules.function(FIB, "_start.command_export");
        var exports = FIB.wasmModule().exportSection();
        int exported = -1;
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals("_start")) {
                exported = exports.getExport(i).index();
            }
        }
        assertThat(exported).as("the export is the wrapper").isEqualTo(wrapper.functionIndex());

        assertThat(CodeLocator.functionEntry(FIB, "_start")).extracting(ResolvedLocation::functionIndex)
                .containsExactly(start.functionIndex());
    }

    @Test
    void anInlinedFunctionResolvesToEachInlinedCopy() {
        assertThat(INLINED.functions()).as("twice has no body of its own").noneMatch(f -> f.name().equals("twice"));
        FunctionRange caller = TestModules.function(INLINED, "process_values");

        List<ResolvedLocation> copies = CodeLocator.functionEntry(INLINED, "twice");

        assertThat(copies).hasSize(2).allSatisfy(copy -> {
            assertThat(copy.function()).isEqualTo("process_values");
            assertThat(caller.contains(copy.offset())).isTrue();
            assertThat(INLINED.isInstructionStart(copy.offset())).isTrue();
            assertThat(copy.line()).isEqualTo(INLINED_BODY);
        });
        assertThat(INLINED.debugInfo().inlinedCallAt(copies.get(0).offset()))
                .isNotEqualTo(INLINED.debugInfo().inlinedCallAt(copies.get(1).offset()));
    }

    @Test
    void anUnknownFunctionResolvesToNothingAndSuggestsSimilarNames() {
        assertThat(CodeLocator.functionEntry(FIB, "fibb")).isEmpty();
        assertThat(CodeLocator.functionEntry(FIB, "FIB")).as("names are compared with their case").isEmpty();

        assertThat(new BreakpointSpec.FunctionName("fibb").suggestions(FIB)).first().isEqualTo("fib");
        assertThat(new BreakpointSpec.FunctionName("mian").suggestions(FIB)).as("a DWARF name, two letters swapped")
                .first().isEqualTo("main");
        assertThat(new BreakpointSpec.FunctionName("proces").suggestions(INLINED))
                .startsWith("process").contains("process_values");
        assertThat(new BreakpointSpec.FunctionName("fib").suggestions(FIB)).as("it resolves").isEmpty();
        assertThat(new BreakpointSpec.FunctionName("qqqqqqqq").suggestions(FIB)).isEmpty();
        assertThatThrownBy(() -> CodeLocator.functionEntry(FIB, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- by source line ----

    @Test
    void aLineResolvesToItsFirstStatementAndMapsBackToIt() {
        for (String fixture : List.of("fib", "fib_dwarf5")) {
            ModuleImage image = TestModules.load(fixture);
            FunctionRange fib = TestModules.function(image, "fib");
            int expected = image.instructionAtOrAfter(image.lineTable().offsetsOf("fib.c", FIB_BASE).get(0)).getAsInt();

            List<ResolvedLocation> base = CodeLocator.sourceLine(image, "fib.c", FIB_BASE);

            assertThat(base).as(fixture).containsExactly(
                    new ResolvedLocation(expected, fib.functionIndex(), "fib", "fib.c", FIB_BASE));
            assertThat(image.lineTable().at(expected)).map(SourceLine::fileName).contains("fib.c");
            assertThat(image.lineTable().at(expected)).map(SourceLine::line).contains(FIB_BASE);
        }
    }

    @Test
    void everyResolvedLineIsAnInstructionOnTheLineItReports() {
        LineTable table = FIB.lineTable();
        int resolvedLines = 0;
        for (int line = 1; line <= 30; line++) {
            for (ResolvedLocation location : CodeLocator.sourceLine(FIB, "fib.c", line)) {
                resolvedLines++;
                assertThat(FIB.isInstructionStart(location.offset())).as("line %d", line).isTrue();
                assertThat(FIB.functionAt(location.offset())).map(FunctionRange::name).contains(location.function());
                assertThat(location.line()).as("line %d moves forward only", line).isGreaterThanOrEqualTo(line);
                Optional<SourceLine> back = table.at(location.offset());
                assertThat(back).map(SourceLine::line).as("line %d", line).contains(location.line());
                assertThat(back).map(SourceLine::path).contains(location.file());
            }
        }
        assertThat(resolvedLines).isGreaterThan(15);
    }

    @Test
    void aLineWithoutCodeMovesToTheNextLineOfItsFunction() {
        int closingBrace = FIB_BASE + 1; // the if's "}"
        assertThat(FIB.lineTable().offsetsOf("fib.c", closingBrace)).isEmpty();

        List<ResolvedLocation> moved = CodeLocator.sourceLine(FIB, "fib.c", closingBrace);

        assertThat(moved).extracting(ResolvedLocation::line).containsExactly(FIB_REC_CALL);
        assertThat(moved).isEqualTo(CodeLocator.sourceLine(FIB, "fib.c", FIB_REC_CALL));
    }

    @Test
    void aLineOutsideEveryFunctionResolvesToNothingAndSuggestsTheLinesAround() {
        int between = FIB_REC_CALL + 2; // the blank line between fib's "}" and main
        assertThat(CodeLocator.sourceLine(FIB, "fib.c", between)).isEmpty();
        assertThat(CodeLocator.sourceLine(FIB, "fib.c", 1)).as("the comment above every function").isEmpty();
        assertThat(CodeLocator.sourceLine(FIB, "fib.c", 1000)).isEmpty();

        assertThat(new BreakpointSpec.SourceLine("fib.c", between).suggestions(FIB))
                .containsExactly("fib.c:" + (between - 1), "fib.c:" + (between + 1));
    }

    @Test
    void aLoopHeaderStopsOnceAtItsFirstAddress() {
        int forLine = FIB_PRINT + 1;
        List<Integer> runs = FIB.lineTable().offsetsOf("fib.c", forLine);
        assertThat(runs).as("condition and increment apart").hasSizeGreaterThanOrEqualTo(2);

        assertThat(CodeLocator.sourceLine(FIB, "fib.c", forLine)).extracting(ResolvedLocation::offset)
                .containsExactly(FIB.instructionAtOrAfter(runs.get(0)).getAsInt());
    }

    @Test
    void aFileIsNamedByTheEndOfItsPathOrTheWholeOfIt() {
        List<ResolvedLocation> byName = CodeLocator.sourceLine(FIB, "fib.c", FIB_BASE);
        String directory = FIB.debugInfo().compilationDirectories().stream()
                .filter(d -> d.endsWith("src/main/c")).findFirst().orElseThrow();

        assertThat(byName).hasSize(1);
        assertThat(CodeLocator.sourceLine(FIB, "c/fib.c", FIB_BASE)).isEqualTo(byName);
        assertThat(CodeLocator.sourceLine(FIB, "src/main/c/fib.c", FIB_BASE)).isEqualTo(byName);
        assertThat(CodeLocator.sourceLine(FIB, directory + "/fib.c", FIB_BASE)).as("whole path").isEqualTo(byName);
        assertThat(CodeLocator.sourceLine(FIB, directory + "/./fib.c", FIB_BASE)).isEqualTo(byName);
        assertThat(CodeLocator.sourceLine(FIB, "ib.c", FIB_BASE)).as("whole components only").isEmpty();
        assertThat(CodeLocator.sourceLine(FIB, "/elsewhere/fib.c", FIB_BASE)).isEmpty();
        assertThat(CodeLocator.sourceLine(FIB, "d/fib.c", FIB_BASE)).isEmpty();
    }

    @Test
    void aLibraryFileIsNamedByTheDirectoriesTheLineTableGivesIt() {
        String libraryPath = FIB.lineTable().paths().stream()
                .filter(p -> p.contains("/") && !p.startsWith("/") && p.endsWith(".c")).findFirst().orElseThrow();
        String fileName = SourceLine.fileName(libraryPath);
        int line = FIB.lineTable().rows(libraryPath::equals).stream().filter(LineTable.Row::statement)
                .mapToInt(r -> r.line().line()).filter(l -> l > 0).min().orElseThrow();

        List<ResolvedLocation> byPath = CodeLocator.sourceLine(FIB, libraryPath, line);

        assertThat(byPath).isNotEmpty().allSatisfy(l -> {
            assertThat(l.file()).isEqualTo(libraryPath);
            assertThat(l.line()).isEqualTo(line);
            assertThat(FIB.isInstructionStart(l.offset())).isTrue();
        });
        assertThat(CodeLocator.sourceLine(FIB, fileName, line)).containsAll(byPath);
    }

    @Test
    void anOpeningLineWhoseRowHoldsOnlyTheLocalDeclarationsResolvesToTheFirstInstruction() {
        // wasi-libc's _Exit has no prologue: the row of its opening line ends where its first
        // instruction starts, and that instruction is on the next line.
        FunctionRange exit = TestModules.function(FIB, "_Exit");
        SourceLine opening = FIB.lineTable().rows(p -> true).stream()
                .filter(r -> r.start() == exit.bodyStart()).findFirst().orElseThrow().line();
        assertThat(FIB.lineTable().at(exit.firstInstruction())).map(SourceLine::line).contains(opening.line() + 1);

        assertThat(CodeLocator.sourceLine(FIB, opening.path(), opening.line())).containsExactly(new ResolvedLocation(
                exit.firstInstruction(), exit.functionIndex(), "_Exit", opening.path(), opening.line()));
    }

    @Test
    void anUnknownFileResolvesToNothingAndSuggestsSimilarFiles() {
        assertThat(CodeLocator.sourceLine(FIB, "fibb.c", FIB_BASE)).isEmpty();

        List<String> suggestions = new BreakpointSpec.SourceLine("fibb.c", FIB_BASE).suggestions(FIB);

        assertThat(suggestions).first().isEqualTo("fib.c:" + FIB_BASE);
        assertThat(BreakpointSpec.parse(suggestions.get(0)).resolve(FIB)).isNotEmpty();
        assertThatThrownBy(() -> CodeLocator.sourceLine(FIB, "fib.c", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodeLocator.sourceLine(FIB, "", 3)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- inlined code ----

    @Test
    void eachInlinedCopyOfALineIsALocationOfItsOwn() {
        FunctionRange caller = TestModules.function(INLINED, "process_values");

        List<ResolvedLocation> body = CodeLocator.sourceLine(INLINED, "inlined.c", INLINED_BODY);

        assertThat(body).hasSize(2).allSatisfy(l -> {
            assertThat(l.functionIndex()).isEqualTo(caller.functionIndex());
            assertThat(INLINED.lineTable().at(l.offset())).map(SourceLine::line).contains(INLINED_BODY);
        });
        OptionalInt first = INLINED.debugInfo().inlinedCallAt(body.get(0).offset());
        OptionalInt second = INLINED.debugInfo().inlinedCallAt(body.get(1).offset());
        assertThat(first).isPresent();
        assertThat(second).isPresent().isNotEqualTo(first);
        assertThat(body).extracting(ResolvedLocation::offset)
                .isEqualTo(CodeLocator.functionEntry(INLINED, "twice").stream().map(ResolvedLocation::offset).toList());
    }

    @Test
    void aCallLineThatInlinedCodeSplitsStopsOnceAtItsStart() {
        List<Integer> runs = INLINED.lineTable().offsetsOf("inlined.c", FIRST_CALL);
        assertThat(runs).as("before and after the inlined copy").hasSize(2);

        int start = INLINED.instructionAtOrAfter(runs.get(0)).getAsInt();
        assertThat(CodeLocator.sourceLine(INLINED, "inlined.c", FIRST_CALL)).extracting(ResolvedLocation::offset)
                .containsExactly(start);
        assertThat(INLINED.debugInfo().inlinedCallAt(start)).as("the caller's own code").isEmpty();
    }

    @Test
    void aBlankLineMovesWithinItsOwnCopyNotIntoInlinedCode() {
        assertThat(CodeLocator.sourceLine(INLINED, "inlined.c", FIRST_CALL + 1)).extracting(ResolvedLocation::line)
                .containsExactly(SECOND_CALL);
        // Between twice's "}" and process_values: the caller holds twice's lines (inlined) and its
        // own later ones, but the line is in neither's span.
        int betweenFunctions = INLINED_BODY + 3;
        assertThat(INLINED.lineTable().offsetsOf("inlined.c", betweenFunctions)).isEmpty();
        assertThat(CodeLocator.sourceLine(INLINED, "inlined.c", betweenFunctions)).isEmpty();
    }

    // ---- by module offset, and modules without DWARF ----

    @Test
    void aModuleOffsetLandsOnTheInstructionAtOrAfterIt() {
        FunctionRange fib = TestModules.function(FIB, "fib");
        int first = fib.firstInstruction();
        int second = TestModules.instruction(FIB, "fib", 1);

        assertThat(CodeLocator.moduleOffset(FIB, first)).containsExactlyElementsOf(CodeLocator.functionEntry(FIB, "fib"));
        assertThat(CodeLocator.moduleOffset(FIB, fib.bodyStart())).extracting(ResolvedLocation::offset)
                .as("from the local declarations").containsExactly(first);
        assertThat(second - first).as("a multi-byte first instruction").isGreaterThan(1);
        assertThat(CodeLocator.moduleOffset(FIB, first + 1)).extracting(ResolvedLocation::offset).containsExactly(second);
        assertThat(CodeLocator.moduleOffset(FIB, FIB.codeSectionOffset() - 1)).isEmpty();
        assertThat(CodeLocator.moduleOffset(FIB, FIB.size() + 100)).isEmpty();
        assertThat(CodeLocator.moduleOffset(FIB, -1)).isEmpty();
    }

    @Test
    void aModuleWithoutDwarfResolvesNamesAndOffsetsButNoLines() {
        ModuleImage trap = TestModules.load("trap_wat");
        FunctionRange inner = TestModules.function(trap, "inner");

        assertThat(CodeLocator.functionEntry(trap, "inner"))
                .containsExactly(new ResolvedLocation(inner.firstInstruction(), inner.functionIndex(), "inner", "", 0));
        assertThat(CodeLocator.functionEntry(trap, "inner").get(0).hasSource()).isFalse();
        assertThat(CodeLocator.sourceLine(trap, "trap.wat", 3)).isEmpty();
        assertThat(new BreakpointSpec.SourceLine("trap.wat", 3).suggestions(trap)).isEmpty();
    }
}
