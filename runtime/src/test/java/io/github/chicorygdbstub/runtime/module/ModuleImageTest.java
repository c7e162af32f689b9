package io.github.chicorygdbstub.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.TestModules;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ModuleImageTest {

    @Test
    void keepsTheOriginalBytesIncludingDwarf() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.wasm("fib"));
        ModuleImage image = ModuleImage.of("fib.wasm", file.clone());

        assertThat(image.toByteArray()).isEqualTo(file);
        assertThat(image.size()).isEqualTo(file.length);
        assertThat(image.sha256()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(image.customSectionNames()).contains(".debug_info", ".debug_line", "name");
    }

    @Test
    void loadsFromPathArrayAndStreamAlike() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.wasm("loop_wat"));
        ModuleImage fromPath = ModuleImage.load(Fixtures.wasm("loop_wat"));
        ModuleImage fromStream = ModuleImage.load("loop_wat.wasm", new ByteArrayInputStream(file));

        assertThat(fromPath.name()).isEqualTo("loop_wat.wasm");
        assertThat(fromPath.sha256()).isEqualTo(fromStream.sha256());
        assertThat(fromStream.toByteArray()).isEqualTo(file);
    }

    @Test
    void everyChicoryInstructionAddressPointsAtItsOpcodeByte() {
        for (String fixture : new String[] {"fib", "fnptr", "big", "loop_wat", "trap_wat"}) {
            ModuleImage image = TestModules.load(fixture);
            int checked = 0;
            for (FunctionBody body : image.wasmModule().codeSection().functionBodies()) {
                for (Instruction instruction : body.instructions()) {
                    int opcode = instruction.opcode().opcode();
                    int firstByte = opcode > 0xff ? opcode >>> 8 : opcode;
                    assertThat(image.byteAt(instruction.address()) & 0xff)
                            .as("%s: %s at 0x%x", fixture, instruction.opcode(), instruction.address())
                            .isEqualTo(firstByte);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(image.instructionCount());
        }
    }

    @Test
    void findsTheCodeSectionPayload() {
        ModuleImage image = TestModules.load("fib");
        int code = image.codeSectionOffset();
        // The payload starts with the function count, and the first body starts right after it.
        assertThat(code).isPositive();
        assertThat(image.functions().get(0).bodyStart()).isGreaterThan(code);
        assertThat(image.functions().get(image.functions().size() - 1).bodyEnd())
                .isEqualTo(code + image.codeSectionSize());
    }

    @Test
    void mapsCodeOffsetsToFunctionsAndNames() {
        ModuleImage image = TestModules.load("loop_wat");
        FunctionRange add3 = TestModules.function(image, "add3");
        assertThat(image.functionIndexAt(add3.firstInstruction())).hasValue(add3.functionIndex());
        assertThat(image.functionIndexAt(add3.bodyEnd() - 1)).hasValue(add3.functionIndex());
        assertThat(image.functionName(add3.functionIndex())).isEqualTo("add3");
        assertThat(image.functionName(0)).isEqualTo("fd_write");
        assertThat(image.importedFunctionCount()).isEqualTo(1);
        assertThat(image.functionIndexAt(0)).isEmpty();
    }

    @Test
    void instructionOffsetsAreSortedAndSlipStaysInTheFunction() {
        ModuleImage image = TestModules.load("loop_wat");
        int[] offsets = image.instructionOffsets();
        for (int i = 1; i < offsets.length; i++) {
            assertThat(offsets[i]).isGreaterThan(offsets[i - 1]);
        }
        FunctionRange add3 = TestModules.function(image, "add3");
        int first = TestModules.instruction(image, "add3", 0);
        int second = TestModules.instruction(image, "add3", 1);
        assertThat(image.isInstructionStart(first)).isTrue();
        assertThat(image.isInstructionStart(first + 1)).isFalse();
        assertThat(image.instructionAtOrAfter(first + 1)).hasValue(second);
        assertThat(image.instructionAtOrAfter(add3.bodyStart())).hasValue(first);
        assertThat(image.instructionAtOrAfter(0)).isEmpty();
    }

    @Test
    void rejectsBytesThatAreNotAModule() {
        assertThatThrownBy(() -> ModuleImage.of("junk", "not wasm at all".getBytes()))
                .isInstanceOf(InvalidModuleException.class).hasMessageContaining("junk");
        byte[] truncated = java.util.Arrays.copyOf(TestModules.load("loop_wat").toByteArray(), 40);
        assertThatThrownBy(() -> ModuleImage.of("truncated", truncated))
                .isInstanceOf(InvalidModuleException.class);
    }
}
