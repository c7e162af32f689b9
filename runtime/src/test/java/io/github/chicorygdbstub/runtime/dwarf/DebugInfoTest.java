package io.github.chicorygdbstub.runtime.dwarf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DWARF variable reader on damaged input: whatever the bytes, it answers with what it can
 * read and never throws. (Its output on clang's real DWARF is checked in
 * {@code SourceVariablesTest} against a running guest.)
 */
@Timeout(120)
class DebugInfoTest {
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
    void intactDwarfFindsTheFunctionsAndTheirVariables() throws Exception {
        ModuleImage image = ModuleImage.load(Fixtures.wasm("fib"));
        DebugInfo info = image.debugInfo();

        assertThat(info.isEmpty()).isFalse();
        FunctionRange fib = image.functions().stream().filter(f -> f.name().equals("fib")).findFirst().orElseThrow();
        assertThat(info.variables(fib.firstInstruction(), ZEROS)).containsExactly("(int) n = 0", "(int) local_n = 0");
        assertThat(info.variables(image.codeSectionOffset() - 1, ZEROS)).as("outside the code").isEmpty();
        assertThat(image.debugInfo()).as("indexed once").isSameAs(info);
    }

    /** Expressions over types.c's variables, each step kind at least once. */
    private static final List<String> EXPRESSIONS = List.of("line.from.y", "*path->label", "&grid[1]", "row[1][0]",
            "bits.high", "(*where).tag", "number.f", "*values");

    @Test
    void damagedSectionsAreReadAsFarAsTheyGoAndNeverThrow() throws Exception {
        ModuleImage image = ModuleImage.load(Fixtures.wasm("types"));
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
                damagedInfo = java.util.Arrays.copyOf(damagedInfo, random.nextInt(damagedInfo.length));
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
}
