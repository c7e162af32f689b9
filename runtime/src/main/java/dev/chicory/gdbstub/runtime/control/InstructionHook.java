package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Chicory's per-instruction callback for one module instance. It runs before every instruction,
 * so its fast path is one volatile read of a gate that the controller writes into each hook (no
 * load of the controller first) and a branch: small enough for the JIT to inline it at every
 * call site of Chicory's interpreter loop. While breakpoints exist, the slow path looks the pc up
 * in the bitmap (none of them in code that runs is the common case). One class for all instances
 * keeps the interpreter's call site monomorphic.
 */
final class InstructionHook implements ExecutionListener {
    private final ExecutionController controller;
    private final int moduleIndex;
    private final long[] breakpointBits;
    private final int codeStart;

    /** {@link ExecutionController#OPEN}, {@code BREAKPOINTS} or {@code ATTENTION}; written under the controller's lock. */
    volatile int gate;

    InstructionHook(ExecutionController controller, int moduleIndex, int gate) {
        this.controller = controller;
        this.moduleIndex = moduleIndex;
        this.breakpointBits = controller.breakpointTable().bitmap(moduleIndex);
        this.codeStart = controller.breakpointTable().codeStart(moduleIndex);
        this.gate = gate;
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        int current = gate;
        if (current != ExecutionController.OPEN) {
            armed(current, instruction.address());
        }
    }

    private void armed(int current, int pc) {
        if (current == ExecutionController.ATTENTION || BreakpointTable.isSet(breakpointBits, pc - codeStart)) {
            controller.checkInstruction(moduleIndex, pc);
        }
    }
}
