package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the debugger has armed for the guest's instructions, and what that asks of every
 * instance: breakpoints, watchpoints, a pending pause (entry or interrupt) and the modules that a
 * debugger has not been told of yet. From these and from what the threads need (a step, a kill, a
 * stop, a thread running alone: {@link GuestThreads}, {@link GuestState}) comes the <em>gate</em>
 * that each {@link InstructionHook} reads before every instruction while it listens: {@link #OPEN}
 * while nothing is armed, otherwise a combination of {@link #BREAKPOINTS} while breakpoints exist
 * (the hook then looks the pc up in the bitmap), {@link #WATCHING} while watchpoints exist (it
 * decodes every memory access) and {@link #ATTENTION} while a step, pause or kill is pending
 * (every instruction goes to the controller). The gate also decides whether the instances listen
 * at all ({@link CodePatcher}) and whether threads enter Wasm under the lock ({@link GuestThreads}).
 *
 * <p>Guarded by the controller's lock: every change of what is armed, or of what the threads
 * need, is followed by {@link #update()}, whose volatile write of the gate into each hook also
 * publishes the breakpoint bitmap and the watched ranges edited before it.
 */
final class ArmedState {
    static final int OPEN = 0;
    static final int BREAKPOINTS = 1;
    static final int ATTENTION = 2;
    static final int WATCHING = 4;

    private final BreakpointTable breakpoints;
    private final WatchpointTable watchpoints = new WatchpointTable();
    private final CodePatcher patcher;
    private final GuestThreads threads;
    private final GuestState guest;
    /** The hooks of all instances, whose gates {@link #update} writes. */
    private final List<InstructionHook> hooks = new ArrayList<>();
    private StopReason pendingPause;
    /** Modules added while attached that no thread has run yet; the first one to run announces them all. */
    private final Set<Integer> unannouncedModules = new HashSet<>();

    ArmedState(BreakpointTable breakpoints, CodePatcher patcher, GuestThreads threads, GuestState guest) {
        this.breakpoints = breakpoints;
        this.patcher = patcher;
        this.threads = threads;
        this.guest = guest;
    }

    BreakpointTable breakpoints() {
        return breakpoints;
    }

    WatchpointTable watchpoints() {
        return watchpoints;
    }

    /**
     * Asks for a stop at the next instruction any thread runs; a pause already pending keeps its
     * reason.
     *
     * @return whether none was pending
     */
    boolean requestPause(StopReason reason) {
        if (pendingPause != null) {
            return false;
        }
        pendingPause = reason;
        return true;
    }

    /** {@return the pending pause's reason, or null} */
    StopReason pendingPause() {
        return pendingPause;
    }

    /** A stop happened: whatever pause was pending is answered by it. */
    void pauseTaken() {
        pendingPause = null;
    }

    /** Module {@code moduleIndex} is to be announced by a stop at its first instruction. */
    void announce(int moduleIndex) {
        unannouncedModules.add(moduleIndex);
    }

    /**
     * Whether an instruction of module {@code moduleIndex} announces the modules added meanwhile:
     * if so, they count as announced from now on.
     */
    boolean takeAnnouncement(int moduleIndex) {
        if (!unannouncedModules.contains(moduleIndex)) {
            return false;
        }
        unannouncedModules.clear();
        return true;
    }

    void forgetAnnouncements() {
        unannouncedModules.clear();
    }

    /** Clears breakpoints, watchpoints and the pending pause. */
    void disarm() {
        breakpoints.clear();
        watchpoints.clear();
        pendingPause = null;
    }

    /** What the hooks must do now. */
    private int gate() {
        if (guest.closed()) {
            return OPEN;
        }
        // A thread running alone needs the others held only if one of them runs (in a host call):
        // the parked ones stay parked, and newcomers wait at entry.
        GuestThread solo = guest.soloThread();
        boolean soloHoldsOthers = solo != null && threads.anyRunningBesides(solo);
        boolean attention = threads.anyStepping() || pendingPause != null || guest.killRequested() || soloHoldsOthers
                || guest.is(ExecutionState.STOPPED) || !unannouncedModules.isEmpty();
        return (attention ? ATTENTION : OPEN) | (breakpoints.isEmpty() ? OPEN : BREAKPOINTS)
                | (watchpoints.isEmpty() ? OPEN : WATCHING);
    }

    private static boolean wantsListener(int gate) {
        return (gate & (ATTENTION | WATCHING)) != 0;
    }

    /** A new hook for an instance of module {@code moduleIndex}, whose gate {@link #update} keeps up to date. */
    InstructionHook newHook(ExecutionController controller, int moduleIndex) {
        InstructionHook hook = new InstructionHook(controller, moduleIndex, breakpoints, gate(),
                watchpoints.forModule(moduleIndex));
        hooks.add(hook);
        return hook;
    }

    /** Gives a freshly built instance patchable code and the listener that the gate wants. */
    void register(int moduleIndex, Instance instance, InstructionHook hook) {
        patcher.register(moduleIndex, instance, hook, wantsListener(gate()));
    }

    /** The guest fetched a marker in {@code frame}: see {@link CodePatcher#onMarker}. */
    void onMarker(int moduleIndex, StackFrame frame) {
        patcher.onMarker(moduleIndex, frame, wantsListener(gate()));
    }

    /**
     * Publishes the gate; the listening mode follows at once if no other thread runs guest code
     * (see {@link #update(boolean)}).
     */
    void update() {
        if (watchesEntries(gate())) {
            threads.watchEntries(); // first: noOtherRuns must count the threads that entered unlisted
        }
        update(threads.noOtherRuns());
    }

    /**
     * Whether entering and leaving threads must take the lock: while anything is armed or pending
     * (the gate is not open), a debugger may ask which threads run or stop them all, and while a
     * thread runs alone, newcomers wait at entry.
     */
    private boolean watchesEntries(int gate) {
        return gate != OPEN || guest.soloThread() != null;
    }

    /**
     * Writes the gate into every hook and brings the listening mode in line with it: at once if
     * no thread runs guest code meanwhile, else through markers at every interrupt point. While
     * every thread is parked at a stop nothing changes: the resume switches. Threads enter and
     * leave under the lock from before any hook can see a gate that is not open until after every
     * hook sees it open again (see {@link GuestThreads}).
     *
     * @param mayswitch no thread runs guest code meanwhile, so this thread may switch modes
     */
    void update(boolean mayswitch) {
        int gate = gate();
        boolean watch = watchesEntries(gate);
        if (watch) {
            threads.watchEntries();
        }
        for (InstructionHook hook : hooks) {
            hook.watched = watchpoints.forModule(hook.moduleIndex());
            hook.gate = gate;
        }
        if (!watch) {
            threads.unwatchEntries();
        }
        if (guest.is(ExecutionState.TERMINATED) || (guest.is(ExecutionState.STOPPED) && mayswitch)) {
            return;
        }
        patcher.apply(wantsListener(gate), mayswitch);
    }
}
