package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a tiny loop once per class loader to check that Chicory's interpreter behaves as
 * {@link CodePatcher} relies on, beyond what {@link ChicoryAccess} can check by reflection: that it
 * fetches from an instance's replaced function body at every instruction, hands a marker to
 * {@code evalDefault} with the frame's index on it, fetches the original after {@code jumpTo},
 * and reads the listener field before every instruction. A Chicory that broke any of these would
 * miss breakpoints or never pause; this makes it fail when a debuggee is built instead.
 */
final class InterpreterProbe {
    /**
     * {@code (func (export "run") (result i32) (local i32) (loop local.get 0 i32.const 1 i32.add
     * local.tee 0 i32.const 3 i32.lt_s br_if 0) local.get 0)}: returns 3.
     */
    private static final String LOOP_MODULE = "0061736d010000000105016000017f030201000707010372756e00000a170115"
            + "01017f0340200041016a22004103480d000b20000b";

    private InterpreterProbe() {}

    /** Throws {@link IllegalStateException} naming what does not hold. */
    static void verify() {
        if (Outcome.FAILURE != null) {
            throw new IllegalStateException("Chicory " + ChicoryAccess.chicoryVersion() + "'s interpreter does not"
                    + " behave as this debugger needs (verified with Chicory " + ChicoryAccess.VERIFIED_CHICORY_VERSION
                    + "): " + Outcome.FAILURE);
        }
    }

    /** Holds the probe's result, computed when first asked for. */
    private static final class Outcome {
        static final String FAILURE = probe();
    }

    private static String probe() {
        try {
            var markers = new ArrayList<Integer>();
            Instance instance = Instance.builder(Parser.parse(HexFormat.of().parseHex(LOOP_MODULE)))
                    .withMachineFactory(inst -> new ProbeMachine(inst, markers))
                    .withStart(false)
                    .build();
            var code = new PatchableCode(instance.function(0).instructions());
            ChicoryAccess.replaceBody(instance, 0, code);
            int loopHead = InterruptPoints.of(code.originals())[1];
            code.plant(loopHead);
            var listened = new AtomicInteger();
            ChicoryAccess.setListener(instance, (instruction, stack) -> listened.incrementAndGet());

            long result = instance.export("run").apply()[0];
            if (result != 3) {
                return "a loop with a marker returned " + result + " instead of 3";
            }
            if (!markers.equals(List.of(loopHead))) {
                return "the marker planted at instruction " + loopHead + " was handed over at " + markers;
            }
            int calls = listened.get();
            if (calls == 0) {
                return "the listener set on the instance was never called";
            }
            ChicoryAccess.setListener(instance, null);
            instance.export("run").apply();
            return listened.get() == calls ? null : "the listener was called after it was removed";
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }

    /** Records where markers come in, and puts the original back so the loop goes on. */
    private static final class ProbeMachine extends InterpreterMachine {
        private final List<Integer> markers;

        ProbeMachine(Instance instance, List<Integer> markers) {
            super(instance);
            this.markers = markers;
        }

        @Override
        protected void evalDefault(MStack stack, Instance instance, Deque<StackFrame> callStack,
                Instruction instruction, Operands operands) throws ChicoryException {
            if (!PatchableCode.isMarker(instruction)) {
                super.evalDefault(stack, instance, callStack, instruction, operands);
                return;
            }
            StackFrame frame = callStack.peek();
            int index = ChicoryAccess.currentInstructionIndex(frame);
            markers.add(index);
            ((PatchableCode) instance.function(0).instructions()).restore(index);
            ChicoryAccess.jumpTo(frame, index);
        }
    }
}
