package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.AbstractList;
import java.util.BitSet;
import java.util.List;
import java.util.RandomAccess;

/**
 * One function's instructions as Chicory's interpreter fetches them: the module's own, except
 * where {@link CodePatcher} has planted a marker, an instruction the interpreter hands to
 * {@link DebugMachine} instead of executing. The interpreter reads {@link #get} once per
 * instruction, so it is one array load; everything else reads {@link #originals()}.
 *
 * <p>Markers are planted and removed under the controller's lock, sometimes while the guest
 * runs, and the interpreter reads slots without synchronising. The Java memory model alone does
 * not promise that such a read ever sees the write; what makes it do so is that the slot read
 * has an index that changes with every instruction, which no JIT can answer from a register, and
 * that the lock's release stores the write before the writer goes on. The listener field, which
 * the interpreter reads at the same place every time, is kept out of that reasoning: only the
 * guest itself, or a thread that holds it parked, writes it ({@link CodePatcher}).
 */
final class PatchableCode extends AbstractList<AnnotatedInstruction> implements RandomAccess {
    private final AnnotatedInstruction[] live;
    private final List<AnnotatedInstruction> originals;
    /** Where markers are planted; guarded by the controller's lock. */
    private final BitSet planted = new BitSet();

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
        return planted.get(index);
    }

    boolean hasPlanted() {
        return !planted.isEmpty();
    }

    /**
     * Whether a marker may replace instruction {@code index}. Not a {@code try_table}: when an
     * exception is thrown inside one, Chicory's interpreter fetches the {@code try_table} again
     * to read its handlers, and would find the marker's none.
     */
    boolean canHoldMarker(int index) {
        return originals.get(index).opcode() != OpCode.TRY_TABLE;
    }

    /** Puts a marker at {@code index}, at the original's address; guarded by the controller's lock. */
    void plant(int index) {
        if (!canHoldMarker(index)) {
            throw new IllegalArgumentException("instruction " + index + " cannot hold a marker");
        }
        if (!planted.get(index)) {
            live[index] = marker(originals.get(index).address());
            planted.set(index);
        }
    }

    /** Puts the original back at {@code index}; guarded by the controller's lock. */
    void restore(int index) {
        live[index] = originals.get(index);
        planted.clear(index);
    }

    /** Puts the originals back everywhere but at {@code keep}; guarded by the controller's lock. */
    void restoreAllBut(int[] keep) {
        for (int index = planted.nextSetBit(0); index >= 0; index = planted.nextSetBit(index + 1)) {
            if (!contains(keep, index)) {
                restore(index);
            }
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
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
