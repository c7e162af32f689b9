package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One function's instructions as Chicory's interpreter fetches them: the module's own, except
 * where {@link CodePatcher} has planted a marker, an instruction the interpreter hands to
 * {@link DebugMachine} instead of executing. The interpreter reads {@link #get} once per
 * instruction, so it is one array load; everything else reads {@link #originals()}.
 *
 * <p>Markers are planted and removed under the controller's lock, sometimes while the guest
 * runs. The guest's unsynchronised read of a slot still sees such a write soon: its index changes
 * with every instruction, so the JIT cannot keep an earlier value in a register, and the lock's
 * release orders the write before anything the writer does next.
 */
final class PatchableCode extends AbstractList<AnnotatedInstruction> implements RandomAccess {
    private final AnnotatedInstruction[] live;
    private final List<AnnotatedInstruction> originals;

    PatchableCode(List<AnnotatedInstruction> originals) {
        this.originals = List.copyOf(originals);
        this.live = this.originals.toArray(new AnnotatedInstruction[0]);
    }

    /** The instruction the interpreter executes at {@code index}: the original, or a marker. */
    @Override
    public AnnotatedInstruction get(int index) {
        return live[index];
    }

    @Override
    public int size() {
        return live.length;
    }

    /** The module's instructions, markers left out. */
    List<AnnotatedInstruction> originals() {
        return originals;
    }

    boolean isPlanted(int index) {
        return live[index] != originals.get(index);
    }

    /** Puts a marker at {@code index}, at the original's address; guarded by the controller's lock. */
    void plant(int index) {
        if (!isPlanted(index)) {
            live[index] = marker(originals.get(index).address());
        }
    }

    /** Puts the original back at {@code index}; guarded by the controller's lock. */
    void restore(int index) {
        live[index] = originals.get(index);
    }

    /** The index of the instruction at module offset {@code address}, or -1. */
    int indexOf(int address) {
        int low = 0;
        int high = live.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int found = originals.get(middle).address();
            if (found < address) {
                low = middle + 1;
            } else if (found > address) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** A function body's instructions without markers, whether or not the body is patchable. */
    static List<? extends Instruction> originalsOf(FunctionBody body) {
        return body.instructions() instanceof PatchableCode code ? code.originals() : body.instructions();
    }

    /** Whether the interpreter handed over a marker (a parsed {@code v128.const} has operands). */
    static boolean isMarker(Instruction instruction) {
        return instruction.opcode() == ChicoryAccess.MARKER_OPCODE && instruction.operandCount() == 0;
    }

    private static AnnotatedInstruction marker(int address) {
        return AnnotatedInstruction.builder()
                .from(new Instruction(address, ChicoryAccess.MARKER_OPCODE, Instruction.EMPTY_OPERANDS))
                .build();
    }
}
