package io.github.chicorygdbstub.runtime.dwarf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.TestModules;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The function names and inlined calls of clang's DWARF, against the module's own function bodies. */
class FunctionEntriesTest {

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
}
