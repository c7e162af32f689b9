package dev.chicory.gdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chicory.gdbstub.fixtures.Fixtures;
import dev.chicory.gdbstub.runtime.module.LineTable;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import dev.chicory.gdbstub.runtime.module.SourceLine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's line-table reader agrees with llvm-dwarfdump on every row of clang's output:
 * DWARF 4 and 5, two-module programs and the 11 MB module.
 */
@Timeout(300)
class LineTableAgainstDwarfdumpTest {
    @ParameterizedTest
    @ValueSource(strings = {"fib", "fib_dwarf5", "fnptr", "compute", "twomod_main", "twomod_lib", "big"})
    void everyRowMapsItsAddressToItsLine(String fixture) throws Exception {
        ModuleImage image = ModuleImage.load(Fixtures.wasm(fixture));
        LineTable table = image.lineTable();
        List<Dwarf.Row> rows = Dwarf.lineTable(Fixtures.wasm(fixture));

        int checked = 0;
        for (int i = 0; i + 1 < rows.size(); i++) {
            Dwarf.Row row = rows.get(i);
            Dwarf.Row next = rows.get(i + 1);
            boolean coversCode = !row.endSequence() && next.address() > row.address()
                    && next.address() <= image.codeSectionSize();
            if (coversCode) {
                int offset = Math.toIntExact(image.codeSectionOffset() + row.address());
                Optional<SourceLine> line = table.at(offset);
                assertThat(line).as("%s at code offset 0x%x", fixture, row.address()).isPresent();
                assertThat(line.get().line()).as("%s at code offset 0x%x", fixture, row.address()).isEqualTo(row.line());
                assertThat(table.at(Math.toIntExact(image.codeSectionOffset() + next.address() - 1)).get().line())
                        .as("%s just before code offset 0x%x", fixture, next.address()).isEqualTo(row.line());
                checked++;
            }
        }
        assertThat(checked).as(fixture).isGreaterThan(10);
    }
}
