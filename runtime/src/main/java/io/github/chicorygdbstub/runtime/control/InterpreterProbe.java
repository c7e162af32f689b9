package io.github.chicorygdbstub.runtime.control;

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

/**
 * Runs a tiny loop once per class loader to check that Chicory's interpreter behaves as
 * {@link CodePatcher} relies on, beyond what {@link ChicoryAccess} can check by reflection: that a
 * running frame fetches every instruction from its instance's replaced function body (a marker
 * planted while it runs is handed to {@code evalDefault}, with the frame's index on it), fetches
 * the original after {@code jumpTo}, and reads the listener field before every instruction (one
 * set or removed while the loop runs is called, or not, from the next instruction on). A Chicory
 * that broke any of these would miss breakpoints or never pause; this makes it fail when a
 * debuggee is built instead. The interpreter code it checks has not been compiled by the JIT yet.
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
        static final String FAILURE = onItsOwnThread();
    }

    /** A thread of its own: the caller's interrupt flag would make Chicory refuse to run. */
    private static String onItsOwnThread() {
        String[] failure = {"the probe did not finish"};
        Thread thread = new Thread(() -> failure[0] = probe(), "chicory-gdbstub-probe");
        thread.start();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure[0];
    }

    /**
     * The loop runs with a marker at its entry. There the machine sets a listener and plants a
     * marker at the loop's head; the listener removes itself at its first call. Expected: the
     * markers at 0 and at the loop's head, one listener call (the entry's original), and 3.
     */
    private static String probe() {
        try {
            Instance instance = Instance.builder(Parser.parse(HexFormat.of().parseHex(LOOP_MODULE)))
                    .withMachineFactory(ProbeMachine::new)
                    .withStart(false)
                    .build();
            var code = new PatchableCode(instance.function(0).instructions());
            ChicoryAccess.replaceBody(instance, 0, code);
            code.plant(0);
            var machine = (ProbeMachine) instance.getMachine();

            long result = instance.export("run").apply()[0];
            int loopHead = InterruptPoints.of(code.originals())[1];
            if (result != 3) {
                return "a loop with markers returned " + result + " instead of 3";
            }
            if (!machine.markers.equals(List.of(0, loopHead))) {
                return "markers planted at 0 and, while the loop ran, at " + loopHead + " were handed over at "
                        + machine.markers;
            }
            if (!machine.listened.equals(List.of(code.originals().get(0).address()))) {
                return "a listener set at the first marker and removed at its first call saw " + machine.listened;
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }

    /** Does at markers what {@link CodePatcher} does, and records what it sees. */
    private static final class ProbeMachine extends InterpreterMachine {
        final List<Integer> markers = new ArrayList<>();
        final List<Integer> listened = new ArrayList<>();

        ProbeMachine(Instance instance) {
            super(instance);
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
            var code = (PatchableCode) instance.function(0).instructions();
            code.restore(index);
            if (index == 0) {
                code.plant(InterruptPoints.of(code.originals())[1]);
                ChicoryAccess.setListener(instance, (fetched, operandStack) -> {
                    listened.add(fetched.address());
                    ChicoryAccess.setListener(instance, null);
                });
            }
            ChicoryAccess.jumpTo(frame, index);
        }
    }
}
