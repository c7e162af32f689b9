package io.github.chicorygdbstub.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.chicorygdbstub.dwarf.DebugInfo;
import io.github.chicorygdbstub.dwarf.DwarfSections;
import io.github.chicorygdbstub.dwarf.FrameAccess;
import io.github.chicorygdbstub.dwarf.LineTable;
import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.TestModules;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A module's DWARF, read from its own custom sections and placed on its own function bodies:
 * clang's line tables, function entries and inlined calls, the variables in scope, and damaged
 * copies of the sections, which are read as far as they go and never throw. (The readers on
 * hand-built sections are checked in the dwarf module's tests; their output on a running guest in
 * {@code SourceVariablesTest}.)
 */
@Timeout(120)
class ModuleDwarfTest {
    /** Zeroed locals, globals and the first 64 KiB of memory. */
    private static final FrameAccess ZEROS = new FrameAccess() {
        @Override
        public OptionalLong local(int index) {
            return index < 8 ? OptionalLong.of(0x1000) : OptionalLong.empty();
        }

        @Override
        public OptionalLong global(int index) {
            return OptionalLong.of(0);
        }

        @Override
        public OptionalLong operand(int index) {
            return OptionalLong.empty();
        }

        @Override
        public byte[] memory(long address, int length) {
            return address >= 0 && address + length <= 0x10000 ? new byte[length] : null;
        }
    };

    @Test
    void intactDwarfFindsTheFunctionsAndTheirVariables() {
        ModuleImage image = TestModules.load("fib");
        DebugInfo info = image.debugInfo();

        assertThat(info.isEmpty()).isFalse();
        FunctionRange fib = TestModules.function(image, "fib");
        assertThat(info.variables(fib.firstInstruction(), ZEROS)).containsExactly("(int) n = 0", "(int) local_n = 0");
        assertThat(info.variables(image.codeSectionOffset() - 1, ZEROS)).as("outside the code").isEmpty();
        assertThat(image.debugInfo()).as("indexed once").isSameAs(info);
    }

    /** Expressions over types.c's variables, each step kind at least once. */
    private static final List<String> EXPRESSIONS = List.of("line.from.y", "*path->label", "&grid[1]", "row[1][0]",
            "bits.high", "(*where).tag", "number.f", "*values");

    @Test
    void damagedSectionsAreReadAsFarAsTheyGoAndNeverThrow() {
        ModuleImage image = TestModules.load("types");
        DwarfSections intact = image.dwarfSections();
        byte[] info = bytes(intact.get(".debug_info"));
        byte[] abbrev = bytes(intact.get(".debug_abbrev"));
        int typesStop = image.lineTable().offsetsOf("types.c", Fixtures.line("types.c", "types-stop")).get(0);
        var random = new Random(20261201);
        int answered = 0;
        for (int round = 0; round < 300; round++) {
            byte[] damagedInfo = info.clone();
            byte[] damagedAbbrev = abbrev.clone();
            for (int flips = 0; flips < 1 + random.nextInt(8); flips++) {
                byte[] target = random.nextInt(4) == 0 ? damagedAbbrev : damagedInfo;
                target[random.nextInt(target.length)] = (byte) random.nextInt(256);
            }
            if (round % 50 == 0) {
                damagedInfo = Arrays.copyOf(damagedInfo, random.nextInt(damagedInfo.length));
            }
            byte[] infoBytes = damagedInfo;
            byte[] abbrevBytes = damagedAbbrev;
            var sections = DwarfSections.from(name -> name.equals(".debug_info") ? Optional.of(ByteBuffer.wrap(infoBytes))
                    : name.equals(".debug_abbrev") ? Optional.of(ByteBuffer.wrap(abbrevBytes)) : intact.get(name));
            assertThatCode(() -> {
                DebugInfo damaged = DebugInfo.read(sections, image.codeSectionOffset());
                for (FunctionRange function : image.functions()) {
                    damaged.variables(function.firstInstruction(), ZEROS);
                    damaged.inlinedCallAt(function.firstInstruction());
                }
                damaged.functionEntries();
                for (String expression : EXPRESSIONS) {
                    damaged.variable(expression, typesStop, ZEROS);
                }
            }).as("round %d", round).doesNotThrowAnyException();
            answered++;
        }
        assertThat(answered).isEqualTo(300);
    }

    private static byte[] bytes(Optional<ByteBuffer> section) {
        ByteBuffer buffer = section.orElseThrow();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void aFunctionsDwarfEntryIsItsBodysStartUnderItsSourceName() {
        ModuleImage image = TestModules.load("fib");
        List<DebugInfo.FunctionEntry> entries = image.debugInfo().functionEntries();

        FunctionRange fib = TestModules.function(image, "fib");
        FunctionRange original = TestModules.function(image, "__original_main");
        assertThat(entries).contains(new DebugInfo.FunctionEntry("fib", "", fib.bodyStart(), false));
        assertThat(entries).as("clang's __original_main is main in the source")
                .contains(new DebugInfo.FunctionEntry("main", "", original.bodyStart(), false));
        assertThat(entries).extracting(DebugInfo.FunctionEntry::offset).isSorted();
        assertThat(image.debugInfo()).as("the same index").isSameAs(image.debugInfo());
        assertThat(image.debugInfo().functionEntries()).as("read once").isSameAs(entries);
    }

    @Test
    void anInlinedCopyIsAnEntryOfItsOwnAndTheCallThatHoldsItsCode() {
        ModuleImage image = TestModules.load("inlined");
        DebugInfo info = image.debugInfo();
        FunctionRange caller = TestModules.function(image, "process_values");

        List<DebugInfo.FunctionEntry> copies = info.functionEntries().stream().filter(e -> e.name().equals("twice")).toList();

        assertThat(copies).hasSize(2).allSatisfy(copy -> {
            assertThat(copy.inlined()).isTrue();
            assertThat(caller.contains(copy.offset())).isTrue();
            assertThat(image.lineTable().at(copy.offset())).map(SourceLine::line)
                    .contains(Fixtures.line("inlined.c", "inlined-body"));
            assertThat(info.inlinedCallAt(copy.offset())).isPresent();
        });
        assertThat(info.inlinedCallAt(copies.get(0).offset())).isNotEqualTo(info.inlinedCallAt(copies.get(1).offset()));
        assertThat(info.inlinedCallAt(caller.firstInstruction())).as("the caller's own code").isEmpty();
        assertThat(info.inlinedCallAt(image.codeSectionOffset() - 1)).as("outside the code").isEmpty();
        assertThat(TestModules.load("trap_wat").debugInfo().functionEntries()).as("no DWARF").isEmpty();
    }

    @Test
    void clangsTablesPlaceTheFixtureMarkersOnTheirLines() {
        for (String fixture : List.of("fib", "fib_dwarf5")) {
            ModuleImage image = TestModules.load(fixture);
            LineTable table = image.lineTable();
            assertThat(image.lineTable()).as("read once, then kept").isSameAs(table);
            int baseCase = Fixtures.line("fib.c", "fib-base");

            List<Integer> offsets = table.offsetsOf("fib.c", baseCase);
            assertThat(offsets).as(fixture).isNotEmpty();
            FunctionRange fib = TestModules.function(image, "fib");
            assertThat(offsets).allSatisfy(offset -> assertThat(fib.contains(offset)).isTrue());
            Optional<SourceLine> line = table.at(offsets.get(0));
            assertThat(line).map(SourceLine::fileName).contains("fib.c");
            assertThat(line).map(SourceLine::line).contains(baseCase);
            // The function's first instruction is on the line of its opening.
            assertThat(table.at(fib.firstInstruction())).map(SourceLine::line).contains(7);
            // wasi-libc's own units (DWARF 4 in both) name their include directories.
            assertThat(image.functions().stream()
                    .map(f -> table.at(f.firstInstruction()))
                    .flatMap(Optional::stream)
                    .anyMatch(l -> l.path().contains("/") && !l.fileName().equals("fib.c"))).as(fixture).isTrue();
        }
    }
}
