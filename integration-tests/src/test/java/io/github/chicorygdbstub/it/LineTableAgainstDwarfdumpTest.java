package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.dwarf.LineTable;
import io.github.chicorygdbstub.dwarf.SourceLine;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
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
        List<Dwarf.Row> statements = new ArrayList<>();
        for (int i = 0; i + 1 < rows.size(); i++) {
            Dwarf.Row row = rows.get(i);
            Dwarf.Row next = rows.get(i + 1);
            boolean coversCode = !row.endSequence() && next.address() > row.address()
                    && next.address() <= image.codeSectionSize();
            if (coversCode) {
                String where = String.format("%s at code offset 0x%x", fixture, row.address());
                Optional<SourceLine> line = table.at(Math.toIntExact(image.codeSectionOffset() + row.address()));
                assertThat(line).as(where).isPresent();
                assertThat(line.get().line()).as(where).isEqualTo(row.line());
                assertThat(line.get().column()).as(where).isEqualTo(row.column());
                // llvm-dwarfdump prints the file table's name; the reader adds the include directory.
                assertThat(line.get().path()).as(where).endsWith(row.fileName());
                assertThat(table.at(Math.toIntExact(image.codeSectionOffset() + next.address() - 1)))
                        .as("%s just before code offset 0x%x", fixture, next.address()).contains(line.get());
                checked++;
                if (row.statement() && row.fileName().endsWith(".c")) {
                    statements.add(row);
                }
            }
        }
        // A statement row is where a line's code starts, or continues a run of that line; a
        // sample of 200, as offsetsOf scans the whole table (560,000 ranges for big).
        int step = Math.max(1, statements.size() / 200);
        for (int i = 0; i < statements.size(); i += step) {
            Dwarf.Row statement = statements.get(i);
            int offset = Math.toIntExact(image.codeSectionOffset() + statement.address());
            List<Integer> starts = table.offsetsOf(statement.fileName(), statement.line());
            assertThat(starts).as("%s line %s:%d", fixture, statement.fileName(), statement.line()).isNotEmpty();
            assertThat(starts.stream().anyMatch(start -> start <= offset)).isTrue();
        }
        assertThat(checked).as(fixture).isGreaterThan(10);
    }
}
