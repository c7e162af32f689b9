package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.ChicoryException;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** How long a stop waits for the other threads inside Wasm to park before it is reported. */
    private static final Duration OTHERS_SETTLE = Duration.ofMillis(20);

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
    private final GuestThreads threads = new GuestThreads();
    /** The thread whose stop {@link #lastEvent} is, while stopped. */
    private GuestThread stopThread;
    /** While one thread steps or runs alone, the others hold at their next instruction. */
    private GuestThread soloThread;
    private StopReason pendingPause;
    /** Modules added while attached that no thread has run yet; the first one to run announces them all. */
    private final java.util.Set<Integer> unannouncedModules = new java.util.HashSet<>();
    private volatile boolean killRequested;
    private boolean attached;
    private boolean closed;
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
     * Called on the first thread to run code of an instance, before any of it runs: gives it
     * patchable code and the listener the current mode wants.
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
     * Slow path of the hook: decides whether the calling thread stops before the instruction at
     * {@code pc}.
     *
     * @param triggered the watchpoint the previous instruction's memory access triggered, or null
     */
    void checkInstruction(int moduleIndex, int pc, Watchpoint triggered) {
        lock.lock();
        try {
            if (killRequested) {
                throw new KilledException();
            }
            GuestThread thread = threads.current();
            if (thread == null || closed) {
                return; // not entered through a debugged machine (cannot happen) or no longer debugged
            }
            StopReason reason;
            if (mustHold(thread)) {
                // All-stop: another thread stopped, or steps alone; this one waits where it is.
                park(thread, null);
                hitUnexecutedBreakpoint(thread, null, moduleIndex, pc);
                return;
            }
            if (triggered != null && watchpoints.contains(triggered)) {
                reason = StopReason.WATCHPOINT;
                steps += thread.stepping ? 1 : 0;
            } else if (thread.stepping) {
                reason = StopReason.STEP;
                steps++;
            } else if (pendingPause != null) {
                reason = pendingPause;
            } else if (unannouncedModules.contains(moduleIndex)) {
                unannouncedModules.clear();
                reason = StopReason.LIBRARY;
            } else if (breakpoints.isSet(moduleIndex, pc)) {
                if (!breakpointStops(thread, moduleIndex, pc)) {
                    // A condition said no: the marker that led here switched to listening, and
                    // nothing else may need it.
                    updateGate();
                    return;
                }
                reason = StopReason.BREAKPOINT;
            } else {
                return;
            }
            int requested = reason == StopReason.BREAKPOINT ? breakpoints.requestedOffsetFor(moduleIndex, pc) : pc;
            Watchpoint fired = reason == StopReason.WATCHPOINT ? triggered : null;
            park(thread, new StopEvent(++sequence, reason, moduleIndex, pc, requested, null, 0, fired, thread.id));
            hitUnexecutedBreakpoint(thread, reason, moduleIndex, pc);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every stop but a breakpoint's own hit leaves the instruction at pc unexecuted, so a
     * breakpoint there (set before the stop or while stopped) is hit as the thread resumes, as a
     * trap instruction would be: a debugger that wants past it removes it and steps.
     */
    private void hitUnexecutedBreakpoint(GuestThread thread, StopReason stoppedFor, int moduleIndex, int pc) {
        if (stoppedFor != StopReason.BREAKPOINT && breakpoints.isSet(moduleIndex, pc) && !closed
                && breakpointStops(thread, moduleIndex, pc)) {
            park(thread, new StopEvent(++sequence, StopReason.BREAKPOINT, moduleIndex, pc,
                    breakpoints.requestedOffsetFor(moduleIndex, pc), null, 0, null, thread.id));
        }
    }

    /** Counts a hit of the breakpoints at pc and asks their conditions whether to stop. */
    private boolean breakpointStops(GuestThread thread, int moduleIndex, int pc) {
        return breakpoints.countHitAndDecide(moduleIndex, pc,
                count -> new BreakpointHit(thread.id, moduleIndex, pc, count, captureSafely(thread)));
    }

    private boolean mustHold(GuestThread thread) {
        return state == ExecutionState.STOPPED || (soloThread != null && soloThread != thread);
    }

    /** Called by a machine's {@code eval} with the trapping frame still on its stack. */
    void onTrap(ChicoryException trap, DebugMachine machine) {
        lock.lock();
        try {
            GuestThread thread = threads.current();
            if (trap == reportedTrap || killRequested || thread == null) {
                return;
            }
            reportedTrap = trap;
            List<FrameSnapshot> captured = captureSafely(thread);
            FrameSnapshot top = captured.isEmpty() ? null : captured.get(0);
            var event = new StopEvent(++sequence, StopReason.TRAP,
                    top == null ? machine.moduleIndex() : top.moduleIndex(),
                    top == null ? -1 : top.pc(), top == null ? -1 : top.pc(), trapMessage(trap), 0, null, thread.id);
            if (!attached || captured.isEmpty() || closed) {
                // Nobody to show it to, or the stack is too deep to park on: report it as the crash.
                unreportedTrap = event;
                unreportedTrapFrames = captured;
                return;
            }
            thread.frames = captured;
            park(thread, event);
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

    /**
     * The calling thread enters Wasm code of {@code machine} through its function {@code function}.
     * A thread that is not inside Wasm yet waits while the guest is stopped (or another thread
     * steps alone): all-stop holds for newcomers too. A thread already inside (a call into
     * another module) only pushes the machine, without the lock: its machine stack is its own.
     * While nothing watches entries, a thread that has entered before enters without the lock
     * too, unlisted ({@link GuestThreads}): the cost of an export call.
     *
     * @param lastCaller the thread that called {@code machine} last, or null: usually the calling
     *     one, found without a thread-local lookup then
     * @return the calling thread, for {@link #exitMachine}
     */
    GuestThread enterMachine(DebugMachine machine, int function, GuestThread lastCaller) {
        // The final javaThread of a racily read lastCaller is safe to compare (JLS 17.5).
        GuestThread thread = lastCaller != null && lastCaller.javaThread == Thread.currentThread()
                ? lastCaller : threads.own();
        if (thread != null
                && (thread.runsNoMachine() ? threads.enterUnwatched(thread, function) : thread.isInside())) {
            thread.pushMachine(machine);
            return thread;
        }
        return enterUnderLock(machine, function);
    }

    private GuestThread enterUnderLock(DebugMachine machine, int function) {
        lock.lock();
        try {
            GuestThread thread = threads.own();
            // Listed already if a watcher adopted it while it tried to enter unlisted.
            if (thread == null || !thread.isListed()) {
                while (!closed && !killRequested && (state == ExecutionState.STOPPED || soloThread != null)) {
                    changed.awaitUninterruptibly();
                }
                if (killRequested) {
                    throw new KilledException();
                }
                thread = threads.enter(function);
            }
            thread.pushMachine(machine);
            return thread;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The calling thread, as {@link #enterMachine} returned it, leaves the machine it entered last;
     * leaving the outermost one leaves Wasm: without the lock if it is still unlisted, else under it.
     */
    void exitMachine(GuestThread thread) {
        if (thread.popMachine() && !threads.leaveUnwatched(thread)) {
            leaveUnderLock(thread);
        }
    }

    private void leaveUnderLock(GuestThread thread) {
        lock.lock();
        try {
            if (!thread.isListed()) {
                return; // the guest ended meanwhile
            }
            threads.leave(thread);
            if (soloThread == thread) {
                // A step or solo run that left Wasm: the others run on until something stops.
                soloThread = null;
                threads.releaseParked();
                updateGate();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
            threads.clear();
            stopThread = null;
            soloThread = null;
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

    /**
     * Parks the calling thread until the debugger resumes it. With an event, the whole guest
     * stops for it (and every other thread holds at its next instruction); without one, the
     * thread holds because another one stopped.
     */
    private void park(GuestThread thread, StopEvent event) {
        if (event != null) {
            state = ExecutionState.STOPPED;
            lastEvent = event;
            stopThread = thread;
            soloThread = null;
            pendingPause = null;
            threads.stopStepping();
        }
        thread.parked = true;
        thread.stopEvent = event;
        thread.stepping = false;
        updateGate();
        long generation = thread.resumeGeneration;
        if (event != null) {
            changed.signalAll();
            if (event.reason() != StopReason.STEP) {
                awaitOthersParked();
            }
            if (lastEvent == event) {
                notifyListeners(event);
            }
        }
        changed.signalAll();
        while (thread.resumeGeneration == generation && !killRequested) {
            changed.awaitUninterruptibly();
        }
        thread.parked = false;
        thread.frames = null;
        if (killRequested) {
            throw new KilledException();
        }
    }

    /**
     * All-stop, as a debugger sees it: before a stop is reported, the other threads running
     * Wasm instructions park at their next one, so the stop reply lists them. A thread in a
     * long host call is not waited for beyond {@link #OTHERS_SETTLE}; it parks when it returns.
     * A step is not waited for: the other threads are parked already, or in host code.
     */
    private void awaitOthersParked() {
        long deadline = System.nanoTime() + OTHERS_SETTLE.toNanos();
        while (!threads.noOtherRuns()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                changed.awaitNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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

    private List<FrameSnapshot> captureSafely(GuestThread thread) {
        try {
            return frameCapture.capture(thread.machinesInnermostFirst());
        } catch (StackOverflowError e) {
            return List.of();
        }
    }

    private static String trapMessage(ChicoryException trap) {
        String message = trap.getMessage();
        return message == null || message.isBlank() ? trap.getClass().getSimpleName() : message;
    }

    /** What the hooks must do now, from what is armed; called under the lock. */
    private int gate() {
        if (closed) {
            return OPEN;
        }
        boolean anyStepping = threads.anyStepping();
        // A thread running alone needs the others held only if one of them runs (in a host call):
        // the parked ones stay parked, and newcomers wait at entry.
        boolean soloHoldsOthers = soloThread != null && threads.anyRunningBesides(soloThread);
        boolean needsAttention = anyStepping || pendingPause != null || killRequested || soloHoldsOthers
                || state == ExecutionState.STOPPED || !unannouncedModules.isEmpty();
        return (needsAttention ? ATTENTION : OPEN) | (breakpoints.isEmpty() ? OPEN : BREAKPOINTS)
                | (watchpoints.isEmpty() ? OPEN : WATCHING);
    }

    private static boolean wantsListener(int gate) {
        return (gate & (ATTENTION | WATCHING)) != 0;
    }

    /**
     * Publishes the gate; the listening mode follows at once if no other thread runs guest code
     * (see {@link #updateGate(boolean)}).
     */
    private void updateGate() {
        if (watchesEntries(gate())) {
            threads.watchEntries(); // first: noOtherRuns must count the threads that entered unlisted
        }
        updateGate(threads.noOtherRuns());
    }

    /**
     * Whether entering and leaving threads must take the lock: while anything is armed or pending
     * (the gate is not open), a debugger may ask which threads run or stop them all, and while a
     * thread runs alone, newcomers wait at entry.
     */
    private boolean watchesEntries(int gate) {
        return gate != OPEN || soloThread != null;
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
    private void updateGate(boolean mayswitch) {
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
        if (state == ExecutionState.TERMINATED || (state == ExecutionState.STOPPED && mayswitch)) {
            return;
        }
        patcher.apply(wantsListener(gate), mayswitch);
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

    /** A module was added: while a debugger is attached, its first instruction announces it. */
    void moduleAdded(int moduleIndex) {
        lock.lock();
        try {
            if (attached && !closed) {
                unannouncedModules.add(moduleIndex);
                updateGate();
            }
        } finally {
            lock.unlock();
        }
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

    /**
     * Resumes a stopped guest: every thread continues, or the stopped thread takes one step while
     * the others stay parked.
     */
    void resume(ResumeMode mode) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, "resume");
            if (mode == ResumeMode.STEP) {
                resumeThreads(Map.of(stopThread.id, ResumeMode.STEP), null);
            } else {
                resumeThreads(Map.of(), ResumeMode.CONTINUE);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resumes threads of a stopped guest one by one ({@code vCont}).
     *
     * @param actions what each named thread does
     * @param others what every other thread does; null to keep them parked
     */
    void resume(Map<Long, ResumeMode> actions, ResumeMode others) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, "resume");
            for (long id : actions.keySet()) {
                if (threads.byId(id) == null) {
                    throw new IllegalArgumentException("no thread " + id + " inside Wasm");
                }
            }
            resumeThreads(actions, others);
        } finally {
            lock.unlock();
        }
    }

    private void resumeThreads(Map<Long, ResumeMode> actions, ResumeMode others) {
        boolean mayswitch = threads.noOtherRuns();
        List<GuestThread> released = new ArrayList<>();
        for (GuestThread thread : threads.all()) {
            ResumeMode mode = actions.getOrDefault(thread.id, others);
            if (mode != null && thread.parked) {
                thread.stepping = mode == ResumeMode.STEP;
                released.add(thread);
            }
        }
        soloThread = others == null && released.size() == 1 ? released.get(0) : null;
        for (GuestThread thread : released) {
            thread.resumeGeneration++;
        }
        stopThread = null;
        state = ExecutionState.RUNNING;
        updateGate(mayswitch);
        changed.signalAll();
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

    /**
     * Ends every call into Wasm in progress (each throws {@link KilledException} to its caller),
     * then lets later calls run undebugged, as after a detach: the embedded form of a kill.
     *
     * @return whether every thread left Wasm within the timeout
     */
    boolean abortCalls(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            killRequested = true;
            updateGate();
            changed.signalAll();
            while (!threads.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                changed.awaitNanos(remaining);
            }
            boolean allLeft = threads.isEmpty();
            killRequested = false;
            detachUnderLock();
            return allLeft;
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

    /** Forgets breakpoints and pending stops and lets every parked thread run on. */
    void detach() {
        lock.lock();
        try {
            detachUnderLock();
        } finally {
            lock.unlock();
        }
    }

    private void detachUnderLock() {
        attached = false;
        unannouncedModules.clear();
        breakpoints.clear();
        watchpoints.clear();
        pendingPause = null;
        if (state == ExecutionState.STOPPED) {
            resumeThreads(Map.of(), ResumeMode.CONTINUE);
        } else {
            threads.stopStepping();
            soloThread = null;
            threads.releaseParked();
            updateGate();
            changed.signalAll();
        }
    }

    /** Detaches for good: every parked thread runs on, and no thread stops again. */
    void close() {
        lock.lock();
        try {
            detachUnderLock();
            closed = true;
            updateGate();
            changed.signalAll();
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

    Breakpoint addBreakpoint(int moduleIndex, int offset, java.util.function.Predicate<BreakpointHit> condition) {
        return editArmed(() -> breakpoints.add(moduleIndex, offset, condition));
    }

    long hitCount(int moduleIndex, int offset) {
        return underLock(() -> breakpoints.hitCount(moduleIndex, offset));
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

    /** The parked threads of the stopped guest, the one that stopped first. */
    List<GuestThreadInfo> threads() {
        lock.lock();
        try {
            if (state != ExecutionState.STOPPED) {
                return List.of();
            }
            var list = new ArrayList<GuestThreadInfo>();
            list.add(info(stopThread));
            for (GuestThread thread : threads.all()) {
                if (thread.parked && thread != stopThread) {
                    list.add(info(thread));
                }
            }
            return List.copyOf(list);
        } finally {
            lock.unlock();
        }
    }

    private static GuestThreadInfo info(GuestThread thread) {
        return new GuestThreadInfo(thread.id, thread.name(), thread.stopEvent);
    }

    /** The frames of the thread that stopped. */
    List<FrameSnapshot> frames() {
        lock.lock();
        try {
            if (state == ExecutionState.TERMINATED) {
                return List.of();
            }
            requireState(ExecutionState.STOPPED, "read frames");
            return framesOf(stopThread);
        } finally {
            lock.unlock();
        }
    }

    /** The frames of one parked thread. */
    List<FrameSnapshot> frames(long threadId) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, "read frames");
            return framesOf(requireParked(threadId));
        } finally {
            lock.unlock();
        }
    }

    private List<FrameSnapshot> framesOf(GuestThread thread) {
        if (thread.frames == null) {
            thread.frames = frameCapture.capture(thread.machinesInnermostFirst());
        }
        return thread.frames;
    }

    private GuestThread requireParked(long threadId) {
        GuestThread thread = threads.byId(threadId);
        if (thread == null || !thread.parked) {
            throw new IllegalArgumentException("no thread " + threadId + " stopped inside Wasm");
        }
        return thread;
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

    /**
     * Runs {@code action} on the innermost live frames of a parked thread (for local writes).
     *
     * @param threadId the thread; 0 for the one that stopped
     */
    <T> T withLiveMachines(String what, long threadId, java.util.function.Function<List<DebugMachine>, T> action) {
        lock.lock();
        try {
            requireState(ExecutionState.STOPPED, what);
            GuestThread thread = threadId == 0 ? stopThread : requireParked(threadId);
            thread.frames = null;
            return action.apply(thread.machinesInnermostFirst());
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
