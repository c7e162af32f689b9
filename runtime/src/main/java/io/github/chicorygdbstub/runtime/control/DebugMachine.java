package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.Instruction;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Chicory's interpreter with three additions: it reports traps while the trapping frame is still
 * on the call stack (Chicory pops frames in a {@code finally} around {@code eval}), it registers
 * itself as active while it runs so cross-module calls show up in one backtrace, and it hands the
 * markers of {@link CodePatcher} to the controller instead of executing them.
 */
final class DebugMachine extends InterpreterMachine {
    private final ExecutionController controller;
    private final int moduleIndex;
    private final InstructionHook hook;
    private final ModuleImage image;
    /** Set once the instance has patchable code; Chicory builds the machine before the code is final. */
    private volatile boolean registered;
    /**
     * The thread that called from outside last: the same one calls again, as a rule, and then
     * needs no thread-local lookup. Written and read without synchronisation by whichever thread
     * calls; the controller uses it only if it is the calling thread's own. Keeps at most one
     * finished thread's object reachable, until another thread calls.
     */
    private GuestThread lastCaller;

    DebugMachine(Instance instance, ExecutionController controller, int moduleIndex, InstructionHook hook,
            ModuleImage image) {
        super(instance);
        this.controller = controller;
        this.moduleIndex = moduleIndex;
        this.hook = hook;
        this.image = image;
    }

    /** The name of function {@code funcId} of this machine's module, for a thread's name. */
    String functionName(int funcId) {
        return image.functionName(funcId);
    }

    int moduleIndex() {
        return moduleIndex;
    }

    InstructionHook hook() {
        return hook;
    }

    /** Whether the instance has its patchable code and its mode yet (from its first call on). */
    boolean registered() {
        return registered;
    }

    Instance debugInstance() {
        return instance();
    }

    MStack operandStack() {
        return stack();
    }

    /** Live frames, innermost first; only read while the guest thread is parked. */
    List<StackFrame> frames() {
        return new ArrayList<>(callStack);
    }

    /**
     * Every call from outside (an export, the start function, or a call from another module)
     * comes through here, on the calling thread: the thread enters the guest.
     */
    @Override
    public long[] call(int funcId, long[] args) throws ChicoryException {
        if (!registered) {
            registerInstance();
        }
        GuestThread thread = controller.enterMachine(this, funcId, lastCaller);
        if (thread != lastCaller) {
            lastCaller = thread;
        }
        try {
            return super.call(funcId, args);
        } finally {
            controller.exitMachine(thread);
        }
    }

    @Override
    protected void evalDefault(MStack stack, Instance instance, Deque<StackFrame> callStack, Instruction instruction,
            Operands operands) throws ChicoryException {
        if (PatchableCode.isMarker(instruction)) {
            controller.onMarker(this, frameFetching(callStack, instruction));
        } else {
            super.evalDefault(stack, instance, callStack, instruction, operands);
        }
    }

    /**
     * Chicory creates the machine inside the Instance constructor, before it stores the
     * instance's listener, so the instance is handed to the controller at its first call instead.
     */
    private synchronized void registerInstance() {
        if (!registered) {
            hook.attach(instance());
            controller.register(moduleIndex, instance(), hook);
            registered = true;
        }
    }

    /**
     * The frame that fetched {@code marker}. Usually the top of the call stack, but not always:
     * after a {@code return_call} to another function Chicory leaves the callee's frame on the
     * stack while the caller runs on. Every planted marker is a new object, so identity tells.
     */
    private static StackFrame frameFetching(Deque<StackFrame> callStack, Instruction marker) {
        for (StackFrame frame : callStack) {
            if (ChicoryAccess.currentInstruction(frame) == marker) {
                return frame;
            }
        }
        throw new IllegalStateException("no frame on the call stack fetched the marker at " + marker.address());
    }

    @Override
    protected void eval(MStack stack, Instance instance, Deque<StackFrame> callStack) throws ChicoryException {
        try {
            super.eval(stack, instance, callStack);
        } catch (KilledException | WasiExitException | ExecutionCompletedException e) {
            throw e;
        } catch (ChicoryException e) {
            controller.onTrap(e, this);
            throw e;
        }
    }
}
