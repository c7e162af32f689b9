package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.ChicoryException;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The stop/resume handshake between the guest thread and debugger threads.
 *
 * <p>The guest thread parks inside the instruction hook (or the trap handler) while holding
 * nothing but this controller's condition; every inspection and every edit happens under the
 * same lock while it is parked, which gives happens-before in both directions. While a step,
 * pause, kill or watchpoint is pending the instances call their hooks before every instruction,
 * and otherwise none (see {@link CodePatcher}); a hook reads its gate: {@link #OPEN} while nothing
 * is armed, otherwise a combination of {@link #BREAKPOINTS} while breakpoints exist (the hook then
 * looks the pc up in the bitmap), {@link #WATCHING} while watchpoints exist (it decodes every
 * memory access) and {@link #ATTENTION} while a step, pause or kill is pending (every instruction
 * comes here).
 */
final class ExecutionController {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final BreakpointTable breakpoints;
    private final CodePatcher patcher;
    private final WatchpointTable watchpoints = new WatchpointTable();
    private final FrameCapture frameCapture;
    private final List<Consumer<StopEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Machines currently running guest code, outermost first; touched only by the guest thread. */
    private final List<DebugMachine> activeMachines = new ArrayList<>();

    static final int OPEN = 0;
    static final int BREAKPOINTS = 1;
    static final int ATTENTION = 2;
    static final int WATCHING = 4;

    /**
     * The hooks of all instances, whose gates {@link #updateGate()} writes: one volatile write
     * each, which also publishes the breakpoint bitmap edited under the lock. Guarded by lock.
     */
    private final List<InstructionHook> hooks = new ArrayList<>();

    // Guarded by lock.
    private ExecutionState state = ExecutionState.NOT_STARTED;
    private StopEvent lastEvent;
    private long sequence;
    private long resumeGeneration;
    private boolean stepping;
    private StopReason pendingPause;
    private volatile boolean killRequested;
    private boolean attached;
    private List<FrameSnapshot> frames;
    private ChicoryException reportedTrap;
    private StopEvent unreportedTrap;
    /** The Wasm frames at {@link #unreportedTrap}, kept for the report of the crash it became. */
    private List<FrameSnapshot> unreportedTrapFrames = List.of();
    private long steps;

    ExecutionController(BreakpointTable breakpoints, CodePatcher patcher, FrameCapture frameCapture) {
        this.breakpoints = breakpoints;
        this.patcher = patcher;
        this.frameCapture = frameCapture;
    }

    // ---- guest thread side ----

    BreakpointTable breakpointTable() {
        return breakpoints;
    }

    /** A new hook for an instance of module {@code moduleIndex}, its gate kept up to date from now on. */
    InstructionHook newHook(int moduleIndex) {
        lock.lock();
        try {
            InstructionHook hook = new InstructionHook(this, moduleIndex, gate(), watchpoints.forModule(moduleIndex));
            hooks.add(hook);
            return hook;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called on the guest thread once an instance is built, before any of its code runs: gives
     * it patchable code and the listener the current mode wants.
     */
    void register(int moduleIndex, Instance instance, InstructionHook hook) {
        lock.lock();
        try {
            patcher.register(moduleIndex, instance, hook, wantsListener(gate()));
        } finally {
            lock.unlock();
        }
    }

    /** Called by a machine when its interpreter fetched a marker in {@code frame}. */
    void onMarker(DebugMachine machine, StackFrame frame) {
        lock.lock();
        try {
            patcher.onMarker(machine.moduleIndex(), frame, wantsListener(gate()));
        } finally {
            lock.unlock();
        }
    }

    /** How many stops there have been; a change tells a hook that the debugger has looked since. */
    long stopSequence() {
        lock.lock();
        try {
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Slow path of the hook: decides whether to stop before the instruction at {@code pc}.
     *
     * @param triggered the watchpoint the previous instruction's memory access triggered, or null
     */
    void checkInstruction(int moduleIndex, int pc, Watchpoint triggered) {
        lock.lock();
        try {
            if (killRequested) {
                throw new KilledException();
            }
            StopReason reason;
            if (triggered != null && watchpoints.contains(triggered)) {
                reason = StopReason.WATCHPOINT;
                steps += stepping ? 1 : 0;
            } else if (stepping) {
                reason = StopReason.STEP;
                steps++;
            } else if (pendingPause != null) {
                reason = pendingPause;
            } else if (breakpoints.isSet(moduleIndex, pc)) {
                reason = StopReason.BREAKPOINT;
            } else {
                return;
            }
            int requested = reason == StopReason.BREAKPOINT ? breakpoints.requestedOffsetFor(moduleIndex, pc) : pc;
            Watchpoint fired = reason == StopReason.WATCHPOINT ? triggered : null;
            park(new StopEvent(++sequence, reason, moduleIndex, pc, requested, null, 0, fired));
            // Every stop but a breakpoint's own hit leaves the instruction at pc unexecuted, so a
            // breakpoint there (set before the stop or while stopped) is hit as the guest resumes,
            // as a trap instruction would be: a debugger that wants past it removes it and steps.
            if (reason != StopReason.BREAKPOINT && breakpoints.isSet(moduleIndex, pc)) {
                park(new StopEvent(++sequence, StopReason.BREAKPOINT, moduleIndex, pc,
                        breakpoints.requestedOffsetFor(moduleIndex, pc), null, 0, null));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called by a machine's {@code eval} with the trapping frame still on its stack. */
    void onTrap(ChicoryException trap, DebugMachine machine) {
        lock.lock();
        try {
            if (trap == reportedTrap || killRequested) {
                return;
            }
            reportedTrap = trap;
            List<FrameSnapshot> captured = captureSafely();
            FrameSnapshot top = captured.isEmpty() ? null : captured.get(0);
            var event = new StopEvent(++sequence, StopReason.TRAP,
                    top == null ? machine.moduleIndex() : top.moduleIndex(),
                    top == null ? -1 : top.pc(), top == null ? -1 : top.pc(), trapMessage(trap), 0);
            if (!attached || captured.isEmpty()) {
                // Nobody to show it to, or the stack is too deep to park on: report it as the crash.
                unreportedTrap = event;
                unreportedTrapFrames = captured;
                return;
            }
            frames = captured;
            park(event);
        } finally {
            lock.unlock();
        }
    }

    /** The frames of the trap that crashed the guest while no debugger was attached, innermost first. */
    List<FrameSnapshot> crashFrames() {
        lock.lock();
        try {
            return state == ExecutionState.TERMINATED && lastEvent.reason() == StopReason.CRASHED
                    ? unreportedTrapFrames : List.of();
        } finally {
            lock.unlock();
        }
    }

    void enterMachine(DebugMachine machine) {
        activeMachines.add(machine);
    }

    void exitMachine(DebugMachine machine) {
        activeMachines.remove(activeMachines.size() - 1);
    }

    void markRunning() {
        lock.lock();
        try {
            if (state != ExecutionState.NOT_STARTED) {
                return;
            }
            state = ExecutionState.RUNNING;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records how the guest ended and wakes everyone waiting. */
    void terminate(StopReason reason, int exitCode, String message) {
        lock.lock();
        try {
            if (reason == StopReason.CRASHED && unreportedTrap != null && message == null) {
                message = unreportedTrap.message();
            }
            int module = unreportedTrap == null ? -1 : unreportedTrap.moduleIndex();
            int pc = unreportedTrap == null ? -1 : unreportedTrap.pc();
            activeMachines.clear();
            frames = List.of();
            stepping = false;
            pendingPause = null;
            breakpoints.clear();
            watchpoints.clear();
            updateGate();
            state = ExecutionState.TERMINATED;
            lastEvent = new StopEvent(++sequence, reason, module, pc, pc, message, exitCode);
            notifyListeners(lastEvent);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean killRequested() {
        return killRequested;
    }

    private void park(StopEvent event) {
        state = ExecutionState.STOPPED;
        lastEvent = event;
        stepping = false;
        pendingPause = null;
        updateGate();
        long generation = resumeGeneration;
        notifyListeners(event);
        changed.signalAll();
        while (resumeGeneration == generation && !killRequested) {
            changed.awaitUninterruptibly();
        }
        frames = null;
        if (killRequested) {
            throw new KilledException();
        }
    }

    private void notifyListeners(StopEvent event) {
        for (Consumer<StopEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ExecutionController.class)
                        .warn("stop listener failed on {}", event, e);
            }
        }
    }

    private List<FrameSnapshot> captureSafely() {
        try {
            return frameCapture.capture(activeMachinesInnermostFirst());
        } catch (StackOverflowError e) {
            return List.of();
        }
    }

    private List<DebugMachine> activeMachinesInnermostFirst() {
        var machines = new ArrayList<>(activeMachines);
        java.util.Collections.reverse(machines);
        return machines;
    }

    private static String trapMessage(ChicoryException trap) {
        String message = trap.getMessage();
        return message == null || message.isBlank() ? trap.getClass().getSimpleName() : message;
    }

    /** What the hooks must do now, from what is armed; called under the lock. */
    private int gate() {
        boolean needsAttention = stepping || pendingPause != null || killRequested;
        return (needsAttention ? ATTENTION : OPEN) | (breakpoints.isEmpty() ? OPEN : BREAKPOINTS)
                | (watchpoints.isEmpty() ? OPEN : WATCHING);
    }

    private static boolean wantsListener(int gate) {
        return (gate & (ATTENTION | WATCHING)) != 0;
    }

    /** Publishes the gate while the guest runs, or before it starts; see {@link #updateGate(boolean)}. */
    private void updateGate() {
        updateGate(state == ExecutionState.NOT_STARTED);
    }

    /**
     * Writes the gate into every hook and, unless the guest is stopped (it switches when it
     * resumes), brings the listening mode in line with it.
     *
     * @param guestParked the guest cannot run until the lock is released, so this thread may switch modes
     */
    private void updateGate(boolean guestParked) {
        int gate = gate();
        for (InstructionHook hook : hooks) {
            hook.watched = watchpoints.forModule(hook.moduleIndex());
            hook.gate = gate;
        }
        if (state != ExecutionState.STOPPED && state != ExecutionState.TERMINATED) {
            patcher.apply(wantsListener(gate), guestParked);
        }
    }

    // ---- debugger side ----

    void addListener(Consumer<StopEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<StopEvent> listener) {
        listeners.remove(listener);
    }

    ExecutionState state() {
        return underLock(() -> state);
    }

    StopEvent lastEvent() {
        return underLock(() -> lastEvent);
    }

    long stepCount() {
        return underLock(() -> steps);
    }

    /** Requests a stop before the very first instruction; call before the guest starts. */
    void requestEntryStop() {
        lock.lock();
        try {
            pendingPause = StopReason.ENTRY;
            updateGate();
        } finally {
            lock.unlock();
        }
    }

    boolean interrupt() {
        lock.lock();
        try {
            if (state == ExecutionState.STOPPED || state == ExecutionState.TERMINATED) {
                return false;
            }
            if (pendingPause == null) {
                pendingPause = StopReason.INTERRUPT;
            }
            updateGate();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void resume(ResumeMode mode) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, "resume");
            stepping = mode == ResumeMode.STEP;
            resumeGeneration++;
            state = ExecutionState.RUNNING;
            updateGate(true);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void requestKill() {
        lock.lock();
        try {
            killRequested = true;
            updateGate();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A debugger arrived: traps stop from now on, and a running guest stops at its next instruction. */
    void attach() {
        lock.lock();
        try {
            attached = true;
            boolean running = state == ExecutionState.RUNNING || state == ExecutionState.NOT_STARTED;
            if (running && pendingPause == null) {
                pendingPause = StopReason.ENTRY;
                updateGate();
            }
        } finally {
            lock.unlock();
        }
    }

    void setAttached(boolean value) {
        lock.lock();
        try {
            attached = value;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets breakpoints and pending stops and lets a stopped guest run on. */
    void detach() {
        lock.lock();
        try {
            attached = false;
            breakpoints.clear();
            watchpoints.clear();
            stepping = false;
            if (pendingPause == StopReason.INTERRUPT) {
                pendingPause = null;
            }
            if (state == ExecutionState.STOPPED) {
                resumeGeneration++;
                state = ExecutionState.RUNNING;
                updateGate(true);
                changed.signalAll();
            } else {
                updateGate();
            }
        } finally {
            lock.unlock();
        }
    }

    StopEvent awaitStop(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (state == ExecutionState.RUNNING || state == ExecutionState.NOT_STARTED) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("guest did not stop within " + timeout);
                }
                changed.awaitNanos(remaining);
            }
            return lastEvent;
        } finally {
            lock.unlock();
        }
    }

    StopEvent awaitTermination(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (state != ExecutionState.TERMINATED) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("guest did not end within " + timeout);
                }
                changed.awaitNanos(remaining);
            }
            return lastEvent;
        } finally {
            lock.unlock();
        }
    }

    Breakpoint addBreakpoint(int moduleIndex, int offset) {
        return editArmed(() -> breakpoints.add(moduleIndex, offset));
    }

    boolean removeBreakpoint(int moduleIndex, int offset) {
        return editArmed(() -> breakpoints.remove(moduleIndex, offset));
    }

    void clearBreakpoints() {
        editArmed(() -> {
            breakpoints.clear();
            return null;
        });
    }

    List<Breakpoint> breakpoints() {
        return underLock(breakpoints::list);
    }

    /** Adds a watchpoint that the instances of {@code modules} (those sharing its memory) can trigger. */
    Watchpoint addWatchpoint(Watchpoint watchpoint, java.util.BitSet modules) {
        return editArmed(() -> watchpoints.add(watchpoint, modules));
    }

    boolean removeWatchpoint(Watchpoint watchpoint) {
        return editArmed(() -> watchpoints.remove(watchpoint));
    }

    List<Watchpoint> watchpoints() {
        return underLock(watchpoints::list);
    }

    /** Changes breakpoints or watchpoints under the lock, then publishes the new gate to every hook. */
    private <T> T editArmed(java.util.function.Supplier<T> edit) {
        return underLock(() -> {
            T result = edit.get();
            updateGate();
            return result;
        });
    }

    private <T> T underLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    List<FrameSnapshot> frames() {
        lock.lock();
        try {
            if (state == ExecutionState.TERMINATED) {
                return List.of();
            }
            requireState(ExecutionState.STOPPED, "read frames");
            if (frames == null) {
                frames = frameCapture.capture(activeMachinesInnermostFirst());
            }
            return frames;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the lock while the guest is parked (or has ended). */
    <T> T whileStopped(String what, java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            if (state != ExecutionState.TERMINATED) {
                requireState(ExecutionState.STOPPED, what);
            }
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} on the innermost live frames of the parked guest (for local writes). */
    <T> T withLiveMachines(String what, java.util.function.Function<List<DebugMachine>, T> action) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, what);
            frames = null;
            return action.apply(activeMachinesInnermostFirst());
        } finally {
            lock.unlock();
        }
    }

    private void requireState(ExecutionState expected, String what) {
        if (state != expected) {
            throw new NotStoppedException("cannot " + what + " while the guest is " + state.name().toLowerCase());
        }
    }

    static boolean await(Thread thread, Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        return !thread.isAlive();
    }
}
