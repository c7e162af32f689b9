package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchableCodeTest {
    private static List<AnnotatedInstruction> body(ModuleImage image, int definedFunction) {
        return image.wasmModule().codeSection().getFunctionBody(definedFunction).instructions();
    }

    @Test
    void markersReplaceInstructionsForTheInterpreterOnlyAndComeOutAgain() {
        List<AnnotatedInstruction> originals = body(load("loop_wat"), 1);
        var code = new PatchableCode(originals);

        code.plant(3);
        code.plant(3);

        assertThat(code.isPlanted(3)).isTrue();
        assertThat(PatchableCode.isMarker(code.get(3))).isTrue();
        assertThat(code.get(3).address()).isEqualTo(originals.get(3).address());
        assertThat(code.originals()).isEqualTo(originals);
        assertThat(code.isPlanted(2)).isFalse();
        assertThat(code.get(2)).isSameAs(originals.get(2));
        code.restore(3);
        assertThat(code.isPlanted(3)).isFalse();
        assertThat(code.get(3)).isSameAs(originals.get(3));
        assertThat(code.size()).isEqualTo(originals.size());
    }

    @Test
    void restoresEveryMarkerButTheOnesToKeep() {
        var code = new PatchableCode(body(load("loop_wat"), 1));
        code.plant(1);
        code.plant(4);
        code.plant(6);

        code.restoreAllBut(new int[] {4});

        assertThat(code.isPlanted(4)).isTrue();
        assertThat(code.isPlanted(1) || code.isPlanted(6)).isFalse();
        assertThat(code.get(1)).isSameAs(code.originals().get(1));
        code.restoreAllBut(new int[0]);
        assertThat(code.hasPlanted()).isFalse();
    }

    /** {@code (tag) (func try_table end)}: Chicory re-reads a try_table when something throws in it. */
    private static final String TRY_TABLE = "0061736d01000000010401600000030201000d03"
            + "0100000a080106001f40000b0b";

    @Test
    void aTryTableCannotHoldAMarker() {
        var code = new PatchableCode(body(ModuleImage.of("try", java.util.HexFormat.of().parseHex(TRY_TABLE)), 0));
        assertThat(code.originals().get(0).opcode()).isEqualTo(OpCode.TRY_TABLE);
        assertThat(code.canHoldMarker(0)).isFalse();
        assertThat(code.canHoldMarker(1)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> code.plant(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InterruptPoints.of(code.originals())).as("the entry moves past it").containsExactly(1);
    }

    /** {@code (func v128.const i32x4 0 0 0 0 drop)}: the marker's opcode as the parser gives it. */
    private static final String V128_CONST = "0061736d01000000010401600000030201000a17011500fd0c"
            + "000000000000000000000000000000001a0b";

    @Test
    void noParsedInstructionLooksLikeAMarker() {
        ModuleImage simd = ModuleImage.of("simd", java.util.HexFormat.of().parseHex(V128_CONST));
        AnnotatedInstruction constant = body(simd, 0).get(0);
        assertThat(constant.opcode()).isEqualTo(ChicoryAccess.MARKER_OPCODE);
        assertThat(PatchableCode.isMarker(constant)).isFalse();
        for (String fixture : List.of("loop_wat", "big", "types", "optimized")) {
            ModuleImage image = load(fixture);
            int functions = image.wasmModule().codeSection().functionBodyCount();
            for (int f = 0; f < functions; f++) {
                assertThat(body(image, f)).noneMatch(PatchableCode::isMarker);
            }
        }
    }

    @Test
    void findsInstructionsByAddress() {
        List<AnnotatedInstruction> originals = body(load("loop_wat"), 1);
        var code = new PatchableCode(originals);
        for (int i = 0; i < originals.size(); i++) {
            assertThat(code.indexOf(originals.get(i).address())).isEqualTo(i);
        }
        assertThat(code.indexOf(originals.get(0).address() - 1)).isEqualTo(-1);
        assertThat(code.indexOf(originals.get(1).address() - 1)).as("inside the first instruction").isEqualTo(-1);
    }

    @Test
    void interruptPointsAreTheEntryTheTargetsOfBackwardBranchesAndReturnAddresses() {
        List<AnnotatedInstruction> spin = body(load("spin_wat"), 0);
        int[] points = InterruptPoints.of(spin);

        assertThat(points[0]).isZero();
        assertThat(points).hasSize(2);
        int backEdge = indexOf(spin, OpCode.BR_IF);
        assertThat(points[1]).isGreaterThan(0).isLessThanOrEqualTo(backEdge);
        assertThat(spin.get(backEdge).labelTrue()).isEqualTo(points[1]);
        assertThat(InterruptPoints.of(body(load("loop_wat"), 0))).as("add3 has no loop").containsExactly(0);
        List<AnnotatedInstruction> start = body(load("loop_wat"), 1);
        int firstCall = indexOf(start, OpCode.CALL);
        int loopStart = start.get(indexOf(start, OpCode.BR_IF)).labelTrue();
        int secondCall = firstCall + 1 + indexOf(start.subList(firstCall + 1, start.size()), OpCode.CALL);
        assertThat(InterruptPoints.of(start)).containsExactlyInAnyOrder(0, loopStart, firstCall + 1, secondCall + 1);
    }

    private static int indexOf(List<AnnotatedInstruction> code, OpCode opcode) {
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).opcode() == opcode) {
                return i;
            }
        }
        throw new AssertionError("no " + opcode);
    }
}
