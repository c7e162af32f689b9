package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionBody;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
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
 * at every interrupt point instead (function entries, loop heads, return addresses; see
 * {@link InterruptPoints}): the guest reaches one within a loop iteration or a call, and switches
 * there. At a marker the
 * guest enters listening mode and fetches the original instruction again, so the hook decides
 * what happens at it exactly as it would have without markers.
 *
 * <p>All methods run under the controller's lock.
 */
final class CodePatcher {
    private final BreakpointTable breakpoints;
    private final List<ModuleImage> images;
    private final List<PatchedInstance> instances = new ArrayList<>();
    /** The code that has markers planted, each once; its own bitmap says where. */
    private final Set<PatchableCode> patched = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean listening = true;

    CodePatcher(BreakpointTable breakpoints, List<ModuleImage> images) {
        this.breakpoints = breakpoints;
        this.images = images;
    }

    /** A breakpoint's instruction: its function's code and its index there. */
    private record Slot(PatchableCode code, int index) {}

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
        int imported = images.get(moduleIndex).importedFunctionCount();
        int defined = instance.module().functionSection().functionCount();
        var code = new PatchableCode[defined];
        for (int i = 0; i < defined; i++) {
            FunctionBody body = instance.function(imported + i);
            code[i] = new PatchableCode(body.instructions());
            ChicoryAccess.replaceBody(instance, i, code[i]);
        }
        instances.add(new PatchedInstance(moduleIndex, instance, hook, code));
        switchTo(needsListener(wantListener));
    }

    /**
     * Brings the mode in line with what is armed.
     *
     * @param mayswitch no other thread runs guest code meanwhile, so this thread may switch
     */
    void apply(boolean wantListener, boolean mayswitch) {
        wantListener = needsListener(wantListener);
        if (mayswitch || instances.isEmpty()) {
            switchTo(wantListener);
        } else if (wantListener != listening) {
            plantInterruptPoints();
            if (!listening) {
                plantBreakpointMarkers(); // breakpoints set before the guest reaches an interrupt point
            }
        } else if (listening) {
            restoreAll(List.of()); // a switch to fast mode that is no longer wanted
        } else {
            plantBreakpoints(); // breakpoints edited while the guest runs, or a switch no longer wanted
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
            switchTo(needsListener(wantListener) || breakpoints.isSet(moduleIndex, address));
        }
        ChicoryAccess.jumpTo(frame, index);
    }

    /**
     * A breakpoint on an instruction that cannot hold a marker ({@link PatchableCode#canHoldMarker})
     * is found by the hook, so it keeps the listener on.
     */
    private boolean needsListener(boolean wanted) {
        if (wanted) {
            return true;
        }
        for (Breakpoint breakpoint : breakpoints.list()) {
            Slot slot = slotAt(breakpoint.moduleIndex(), breakpoint.offset());
            if (slot != null && !slot.code().canHoldMarker(slot.index())) {
                return true;
            }
        }
        return false;
    }

    private void switchTo(boolean listen) {
        restoreAll(List.of());
        for (PatchedInstance patched : instances) {
            ChicoryAccess.setListener(patched.instance, listen ? patched.hook : null);
        }
        listening = listen;
        if (!listen) {
            plantBreakpoints();
            for (PatchedInstance patched : instances) {
                patched.hook.forgetTriggered();
            }
        }
    }

    /**
     * Plants a marker at every breakpoint, then removes every other marker: in that order, so a
     * breakpoint edited while the guest runs is never briefly missing.
     */
    private void plantBreakpoints() {
        restoreAll(plantBreakpointMarkers());
    }

    /** Plants a marker at every breakpoint that can hold one, and returns where. */
    private List<Slot> plantBreakpointMarkers() {
        var wanted = new ArrayList<Slot>();
        for (Breakpoint breakpoint : breakpoints.list()) {
            Slot slot = slotAt(breakpoint.moduleIndex(), breakpoint.offset());
            if (slot != null && slot.code().canHoldMarker(slot.index())) {
                wanted.add(slot);
                plant(slot.code(), slot.index());
            }
        }
        return wanted;
    }

    private void plantInterruptPoints() {
        for (PatchedInstance instance : instances) {
            InterruptPoints points = instance.interruptPoints();
            for (int function = 0; function < instance.code.length; function++) {
                for (int index : points.inFunction(function)) {
                    plant(instance.code[function], index);
                }
            }
        }
    }

    private void plant(PatchableCode code, int index) {
        code.plant(index);
        patched.add(code);
    }

    private void restoreAll(List<Slot> keep) {
        for (PatchableCode code : patched) {
            code.restoreAllBut(keep.stream().filter(slot -> slot.code() == code).mapToInt(Slot::index).toArray());
        }
        patched.removeIf(code -> !code.hasPlanted());
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
        return index < 0 ? null : new Slot(patched.code[defined], index);
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
