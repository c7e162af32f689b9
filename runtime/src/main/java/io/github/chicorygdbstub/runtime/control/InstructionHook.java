package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Chicory's per-instruction callback for one module instance. It is the instance's listener only
 * while something needs every instruction (a step, pause, kill or watchpoint; see
 * {@link CodePatcher}), and then runs before every instruction, so its fast path is one volatile
 * read of a gate ({@link ArmedState}) that the controller writes into each hook (no load of the
 * controller first) and a branch: small enough for the JIT to inline it at every call site of
 * Chicory's interpreter loop. While breakpoints exist, the slow path looks the pc up in the bitmap
 * (none of them in code that runs is the common case); while watchpoints exist, it also decodes
 * the memory access the instruction is about to make, and a hit stops the guest before the next
 * instruction, once the access has happened; host functions, which run no instructions, report
 * their writes through {@link #hostCallEnded} ({@link HostCallWrites}). Whatever may stop goes to
 * the controller, where {@link StopDecision} says whether it does. One class for all instances
 * keeps the interpreter's call site monomorphic.
 */
final class InstructionHook implements ExecutionListener {
    private final ExecutionController controller;
    private final int moduleIndex;
    private final long[] breakpointBits;
    private final int codeStart;

    /**
     * {@link ArmedState#OPEN}, or a combination of {@code BREAKPOINTS}, {@code WATCHING} and
     * {@code ATTENTION}; written under the controller's lock, after {@link #watched}.
     */
    volatile int gate;

    /** The watchpoints this instance can trigger; published by the write of {@link #gate} that follows. */
    Watchpoint[] watched;

    /** The watchpoint the previous instruction of this instance triggered; guest thread only. */
    private Watchpoint triggered;

    /** The instance's memory; set by {@link #attach} before any of its code runs. */
    private Memory memory;

    InstructionHook(ExecutionController controller, int moduleIndex, BreakpointTable breakpoints, int gate,
            Watchpoint[] watched) {
        this.controller = controller;
        this.moduleIndex = moduleIndex;
        this.breakpointBits = breakpoints.bitmap(moduleIndex);
        this.codeStart = breakpoints.codeStart(moduleIndex);
        this.watched = watched;
        this.gate = gate;
    }

    int moduleIndex() {
        return moduleIndex;
    }

    /** Called on the guest thread once the instance is built, before any of its code runs. */
    void attach(Instance instance) {
        this.memory = instance.memory();
    }

    /**
     * Under C1's 35-byte inlining limit, and passing at most three values on: with a fourth, C1
     * no longer inlines this into Chicory's loop ("callee uses too much stack"), which left the
     * loop compiled 6 % slower with nothing armed.
     */
    @Override
    public void onExecution(Instruction instruction, MStack stack) {
        int current = gate;
        if (current != ArmedState.OPEN) {
            if (current == ArmedState.BREAKPOINTS) {
                breakpointsOnly(instruction);
            } else {
                watchingOrAttentive(instruction, stack);
            }
        }
    }

    /** The common armed state: one bitmap lookup. */
    private void breakpointsOnly(Instruction instruction) {
        int pc = instruction.address();
        if (BreakpointTable.isSet(breakpointBits, pc - codeStart) && !PatchableCode.isMarker(instruction)) {
            controller.checkInstruction(moduleIndex, pc, null);
        }
    }

    /**
     * Markers are left to {@link DebugMachine}, which makes the interpreter fetch the original
     * instruction next: deciding here as well would stop twice at one instruction.
     */
    private void watchingOrAttentive(Instruction instruction, MStack stack) {
        if (PatchableCode.isMarker(instruction)) {
            return;
        }
        int current = gate;
        int pc = instruction.address();
        Watchpoint previous = triggered;
        if (previous != null || (current & ArmedState.ATTENTION) != 0
                || BreakpointTable.isSet(breakpointBits, pc - codeStart)) {
            triggered = null;
            controller.checkInstruction(moduleIndex, pc, previous);
            current = gate; // the guest may have stopped here, and watchpoints changed meanwhile
        }
        triggered = (current & ArmedState.WATCHING) != 0
                ? MemoryAccesses.firstHit(instruction, stack, watched) : null;
    }

    /**
     * Drops a watchpoint hit that no instruction will report any more: the instance stops calling
     * its hook. On the guest thread, or while it is parked.
     */
    void forgetTriggered() {
        triggered = null;
    }

    /**
     * Called on the guest thread as a host function this instance called starts: copies the
     * write-watched bytes, or returns null when no watchpoint watches writes.
     */
    HostCallWrites hostCallStarts() {
        return (gate & ArmedState.WATCHING) != 0
                ? HostCallWrites.before(watched, memory, controller.stopSequence()) : null;
    }

    /**
     * Called on the guest thread as that host function returns: a change of watched bytes fires
     * their watchpoint at this instance's next instruction, as a store would.
     */
    void hostCallEnded(HostCallWrites before) {
        Watchpoint changed = before.changed(memory, controller.stopSequence());
        if (changed != null && triggered == null) {
            triggered = changed;
        }
    }
}
