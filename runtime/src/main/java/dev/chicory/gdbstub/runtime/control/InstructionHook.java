package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Chicory's per-instruction callback for one module instance. It runs before every instruction,
 * so the common case (nothing armed) must stay a single volatile read. One class for all
 * instances keeps the interpreter's call site monomorphic.
 */
final class InstructionHook implements ExecutionListener {
    private final ExecutionController controller;
    private final int moduleIndex;

    InstructionHook(ExecutionController controller, int moduleIndex) {
        this.controller = controller;
        this.moduleIndex = moduleIndex;
    }

    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        if (controller.armed) {
            controller.checkInstruction(moduleIndex, instruction.address());
        }
    }
}
