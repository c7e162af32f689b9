package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Chicory's per-instruction callback for one module instance. It runs before every instruction,
 * so it costs one volatile read when nothing is armed, and one read plus a bitmap lookup while
 * breakpoints exist (none of them in code that runs is the common case). One class for all
 * instances keeps the interpreter's call site monomorphic.
 */
final class InstructionHook implements ExecutionListener {
    private final ExecutionController controller;
    private final int moduleIndex;
    private final long[] breakpointBits;
    private final int codeStart;

    InstructionHook(ExecutionController controller, int moduleIndex) {
        this.controller = controller;
        this.moduleIndex = moduleIndex;
        this.breakpointBits = controller.breakpointTable().bitmap(moduleIndex);
        this.codeStart = controller.breakpointTable().codeStart(moduleIndex);
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        int gate = controller.gate;
        if (gate == ExecutionController.OPEN) {
            return;
        }
        int pc = instruction.address();
        if (gate == ExecutionController.ATTENTION || BreakpointTable.isSet(breakpointBits, pc - codeStart)) {
            controller.checkInstruction(moduleIndex, pc);
        }
    }
}
