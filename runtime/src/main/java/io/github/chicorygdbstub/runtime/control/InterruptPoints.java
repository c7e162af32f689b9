package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CatchOpCode;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.BitSet;
import java.util.List;

/**
 * Where a running guest is sure to pass soon: the first instruction of every function, every
 * instruction a branch or an exception handler jumps back to, and every instruction a call
 * returns to. Whatever the guest
 * is doing, in Wasm or in a host function, it next loops, calls, returns from a call or ends, so
 * markers planted there reach it within one loop iteration or call. Instruction indexes per
 * defined function.
 */
final class InterruptPoints {
    private final int[][] points;

    private InterruptPoints(int[][] points) {
        this.points = points;
    }

    static InterruptPoints of(PatchableCode[] code) {
        var points = new int[code.length][];
        for (int function = 0; function < code.length; function++) {
            points[function] = of(code[function].originals());
        }
        return new InterruptPoints(points);
    }

    /** The interrupt points of one function, ascending. */
    static int[] of(List<AnnotatedInstruction> code) {
        var targets = new BitSet();
        if (!code.isEmpty()) {
            targets.set(0);
        }
        for (int i = 0; i < code.size(); i++) {
            AnnotatedInstruction instruction = code.get(i);
            if (returnsHere(instruction.opcode()) && i + 1 < code.size()) {
                targets.set(i + 1);
            }
            markBackward(targets, i, instruction.labelTrue());
            markBackward(targets, i, instruction.labelFalse());
            for (int label : instruction.labelTable()) {
                markBackward(targets, i, label);
            }
            List<CatchOpCode.Catch> handlers = instruction.catches(); // null where there are none
            if (handlers != null) {
                for (CatchOpCode.Catch handler : handlers) {
                    markBackward(targets, i, handler.resolvedLabel());
                }
            }
        }
        // A try_table cannot hold a marker (PatchableCode.canHoldMarker); the instruction after
        // it, the first of its body or its end, always runs next.
        for (int i = targets.nextSetBit(0); i >= 0; i = targets.nextSetBit(i + 1)) {
            if (code.get(i).opcode() == OpCode.TRY_TABLE) {
                targets.clear(i);
                targets.set(i + 1);
            }
        }
        return targets.stream().toArray();
    }

    int[] inFunction(int function) {
        return points[function];
    }

    private static boolean returnsHere(OpCode opcode) {
        return opcode == OpCode.CALL || opcode == OpCode.CALL_INDIRECT || opcode == OpCode.CALL_REF;
    }

    private static void markBackward(BitSet targets, int from, int label) {
        if (label >= 0 && label <= from) {
            targets.set(label);
        }
    }
}
