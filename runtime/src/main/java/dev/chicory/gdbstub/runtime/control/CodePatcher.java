package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps Chicory's per-instruction listener off the guest's path while nothing needs it.
 *
 * <p>Chicory calls an instance's listener before every instruction once one is set, which costs
 * a few percent even when the listener does nothing. So the debugger runs in one of two modes:
 * <ul>
 *   <li><b>listening</b> while a step, pause, kill or watchpoint needs every instruction: each
 *       instance's listener is its {@link InstructionHook}, and no marker is planted;
 *   <li><b>fast</b> otherwise: no instance has a listener, and every breakpoint is a marker
 *       planted in its function's {@link PatchableCode}, so the guest runs as plain Chicory does
 *       until it fetches one.
 * </ul>
 * The listener field is plain, so only the guest thread, or another thread while the guest is
 * parked, switches modes. A thread that needs the other mode while the guest runs plants markers
 * at every function entry and every backward branch target instead ({@link InterruptPoints}):
 * the guest reaches one within a loop iteration or a call, and switches there. At a marker the
 * guest enters listening mode and fetches the original instruction again, so the hook decides
 * what happens at it exactly as it would have without markers.
 *
 * <p>All methods run under the controller's lock.
 */
final class CodePatcher {
    private final BreakpointTable breakpoints;
    private final List<ModuleImage> images;
    private final List<PatchedInstance> instances = new ArrayList<>();
    private final Set<Slot> planted = new HashSet<>();
    private boolean listening = true;
    private Thread guestThread;

    CodePatcher(BreakpointTable breakpoints, List<ModuleImage> images) {
        this.breakpoints = breakpoints;
        this.images = images;
    }

    /** A planted marker: module, defined-function index (imports not counted), instruction index. */
    private record Slot(int module, int function, int index) {}

    /** An instance, its hook and its patchable function bodies. */
    private static final class PatchedInstance {
        final int module;
        final Instance instance;
        final InstructionHook hook;
        final PatchableCode[] code;
        private InterruptPoints interruptPoints;

        PatchedInstance(int module, Instance instance, InstructionHook hook, PatchableCode[] code) {
            this.module = module;
            this.instance = instance;
            this.hook = hook;
            this.code = code;
        }

        /** Found on first use: only a pause, a kill or a watchpoint set while the guest runs needs them. */
        InterruptPoints interruptPoints() {
            if (interruptPoints == null) {
                interruptPoints = InterruptPoints.of(code);
            }
            return interruptPoints;
        }
    }

    /**
     * Gives a freshly built instance patchable function bodies and puts it in the current mode;
     * on the guest thread, before any of the instance's code runs.
     */
    void register(int moduleIndex, Instance instance, InstructionHook hook, boolean wantListener) {
        guestThread = Thread.currentThread();
        int imported = images.get(moduleIndex).importedFunctionCount();
        int defined = instance.module().functionSection().functionCount();
        var code = new PatchableCode[defined];
        for (int i = 0; i < defined; i++) {
            FunctionBody body = instance.function(imported + i);
            code[i] = new PatchableCode(body.instructions());
            ChicoryAccess.replaceBody(instance, i, code[i]);
        }
        instances.add(new PatchedInstance(moduleIndex, instance, hook, code));
        switchTo(wantListener);
    }

    /**
     * Brings the mode in line with what is armed.
     *
     * @param guestParked whether the guest is parked (or not started), so that this thread may switch
     */
    void apply(boolean wantListener, boolean guestParked) {
        if (guestParked || Thread.currentThread() == guestThread || instances.isEmpty()) {
            switchTo(wantListener);
        } else if (wantListener != listening) {
            plantInterruptPoints();
        } else if (!listening) {
            plantBreakpoints(); // breakpoints edited while the guest runs
        }
    }

    /**
     * The guest fetched a marker in {@code frame} of module {@code moduleIndex}: switches to
     * listening if it is still planted (a breakpoint's or a pending switch's), and makes the frame
     * fetch the original instruction again.
     */
    void onMarker(int moduleIndex, StackFrame frame, boolean wantListener) {
        int index = ChicoryAccess.currentInstructionIndex(frame);
        PatchedInstance patched = instance(moduleIndex);
        int function = ChicoryAccess.functionIndex(frame) - images.get(moduleIndex).importedFunctionCount();
        PatchableCode code = patched.code[function];
        if (code.isPlanted(index)) {
            int address = code.originals().get(index).address();
            switchTo(wantListener || breakpoints.isSet(moduleIndex, address));
        }
        ChicoryAccess.jumpTo(frame, index);
    }

    /** Whether instances call their hooks now; for tests. */
    boolean listening() {
        return listening;
    }

    /** How many markers are planted; for tests. */
    int plantedCount() {
        return planted.size();
    }

    private void switchTo(boolean listen) {
        restoreAll(Set.of());
        for (PatchedInstance patched : instances) {
            ChicoryAccess.setListener(patched.instance, listen ? patched.hook : null);
        }
        listening = listen;
        if (!listen) {
            plantBreakpoints();
        }
    }

    /** Plants a marker at every breakpoint and removes every other marker (new ones first). */
    private void plantBreakpoints() {
        var wanted = new HashSet<Slot>();
        for (Breakpoint breakpoint : breakpoints.list()) {
            Slot slot = slotAt(breakpoint.moduleIndex(), breakpoint.offset());
            if (slot != null) {
                wanted.add(slot);
                plant(slot);
            }
        }
        restoreAll(wanted);
    }

    private void plantInterruptPoints() {
        for (PatchedInstance patched : instances) {
            InterruptPoints points = patched.interruptPoints();
            for (int function = 0; function < patched.code.length; function++) {
                for (int index : points.of(function)) {
                    plant(new Slot(patched.module, function, index));
                }
            }
        }
    }

    private void plant(Slot slot) {
        instance(slot.module()).code[slot.function()].plant(slot.index());
        planted.add(slot);
    }

    private void restoreAll(Set<Slot> keep) {
        planted.removeIf(slot -> {
            if (keep.contains(slot)) {
                return false;
            }
            instance(slot.module()).code[slot.function()].restore(slot.index());
            return true;
        });
    }

    private Slot slotAt(int moduleIndex, int address) {
        PatchedInstance patched = instance(moduleIndex);
        if (patched == null) {
            return null;
        }
        var function = images.get(moduleIndex).functionIndexAt(address);
        if (function.isEmpty()) {
            return null;
        }
        int defined = function.getAsInt() - images.get(moduleIndex).importedFunctionCount();
        if (defined < 0 || defined >= patched.code.length) {
            return null;
        }
        int index = patched.code[defined].indexOf(address);
        return index < 0 ? null : new Slot(moduleIndex, defined, index);
    }

    private PatchedInstance instance(int moduleIndex) {
        for (PatchedInstance patched : instances) {
            if (patched.module == moduleIndex) {
                return patched;
            }
        }
        return null;
    }
}
