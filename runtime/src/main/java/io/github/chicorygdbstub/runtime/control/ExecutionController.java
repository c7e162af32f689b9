package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.ChicoryException;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The session-wide stop coordinator: the stop/resume handshake between the guest threads and
 * debugger threads, and all-stop over the threads inside Wasm (those that run Wasm hold at their
 * next instruction, those that enter wait at entry).
 *
 * <p>A guest thread parks inside the instruction hook (or the trap handler) while holding
 * nothing but the condition of the {@link ControllerLock}; every inspection and every edit
 * happens under the same lock while it is parked, which gives happens-before in both directions.
 * The coordinator decides nothing itself: what stops where is {@link StopDecision}'s to say, what
 * the guest is doing is {@link GuestState}, what is armed and the gate it makes for the hooks, the
 * entries and the patcher is {@link ArmedState}, which this coordinator brings up to date after
 * every change of either ({@link ArmedState#update()}), each thread's own park and resume is
 * {@link GuestThread}'s, and the parked threads are read through {@link StoppedThreads}.
 */
final class ExecutionController {
    /** How long a stop waits for the other threads inside Wasm to park before it is reported. */
    private static final Duration OTHERS_SETTLE = Duration.ofMillis(20);

    private final ControllerLock lock = new ControllerLock();
    private final StopListeners listeners = new StopListeners();

    // Guarded by lock, as is everything the following objects hold (but the unlisted threads' entry).
    private final GuestState guest;
    private final GuestThreads threads = new GuestThreads();
    private final ArmedState armed;
    private final StoppedThreads stopped;
    private final StopDecision decision;
    private final TrapReports traps = new TrapReports();
    private long sequence;
    private boolean attached;

    ExecutionController(BreakpointTable breakpoints, CodePatcher patcher, FrameCapture frameCapture) {
        this.guest = new GuestState(lock);
        this.armed = new ArmedState(breakpoints, patcher, threads, guest);
        this.stopped = new StoppedThreads(lock, guest, threads, frameCapture, traps);
        this.decision = new StopDecision(armed, stopped);
    }

    /** {@return what the guest is doing, for the debugger to ask and wait for} */
    GuestState guestState() {
        return guest;
    }

    /** {@return the threads of the stopped guest, for inspection} */
    StoppedThreads stoppedThreads() {
        return stopped;
    }

    // ---- guest thread side ----

    /** A new hook for an instance of module {@code moduleIndex}, its gate kept up to date from now on. */
    InstructionHook newHook(int moduleIndex) {
        return lock.call(() -> armed.newHook(this, moduleIndex));
    }

    /**
     * Called on the first thread to run code of an instance, before any of it runs: gives it
     * patchable code and the listener the current mode wants.
     */
    void register(int moduleIndex, Instance instance, InstructionHook hook) {
        lock.run(() -> armed.register(moduleIndex, instance, hook));
    }

    /** Called by a machine when its interpreter fetched a marker in {@code frame}. */
    void onMarker(DebugMachine machine, StackFrame frame) {
        lock.lock();
        try {
            armed.onMarker(machine.moduleIndex(), frame);
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
     * Slow path of the hook: the calling thread holds for another thread's stop, or stops before
     * the instruction at {@code pc} if {@link StopDecision} says so.
     *
     * @param triggered the watchpoint the previous instruction's memory access triggered, or null
     */
    void checkInstruction(int moduleIndex, int pc, Watchpoint triggered) {
        lock.lock();
        try {
            if (guest.killRequested()) {
                throw new KilledException();
            }
            GuestThread thread = threads.current();
            if (thread == null || guest.closed()) {
                return; // not entered through a debugged machine (cannot happen) or no longer debugged
            }
            if (guest.holds(thread)) {
                // All-stop: another thread stopped, or steps alone; this one waits where it is.
                park(thread, null);
                stopAtUnexecutedBreakpoint(thread, null, moduleIndex, pc);
                return;
            }
            StopReason reason = decision.reasonAt(thread, moduleIndex, pc, triggered);
            if (reason == null) {
                return;
            }
            if (reason == StopReason.BREAKPOINT && !decision.breakpointStops(thread, moduleIndex, pc)) {
                // A condition said no: the marker that led here switched to listening, and
                // nothing else may need it.
                armed.update();
                return;
            }
            park(thread, decision.event(++sequence, reason, thread, moduleIndex, pc, triggered));
            stopAtUnexecutedBreakpoint(thread, reason, moduleIndex, pc);
        } finally {
            lock.unlock();
        }
    }

    /** See {@link StopDecision#breakpointStopsOnResume}. */
    private void stopAtUnexecutedBreakpoint(GuestThread thread, StopReason stoppedFor, int moduleIndex, int pc) {
        if (!guest.closed() && decision.breakpointStopsOnResume(thread, stoppedFor, moduleIndex, pc)) {
            park(thread, decision.event(++sequence, StopReason.BREAKPOINT, thread, moduleIndex, pc, null));
        }
    }

    /** Called by a machine's {@code eval} with the trapping frame still on its stack. */
    void onTrap(ChicoryException trap, DebugMachine machine) {
        lock.lock();
        try {
            GuestThread thread = threads.current();
            if (traps.isReported(trap) || guest.killRequested() || thread == null) {
                return;
            }
            List<FrameSnapshot> captured = stopped.captureSafely(thread);
            StopEvent event = traps.report(++sequence, trap, machine.moduleIndex(), captured, thread.id);
            if (!attached || captured.isEmpty() || guest.closed()) {
                // Nobody to show it to, or the stack is too deep to park on: report it as the crash.
                traps.keepAsCrash(event, captured);
                return;
            }
            thread.frames = captured;
            park(thread, event);
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
                while (!guest.closed() && !guest.killRequested() && guest.holdsNewcomers()) {
                    lock.awaitUninterruptibly();
                }
                if (guest.killRequested()) {
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
            if (guest.soloThread() == thread) {
                // A step or solo run that left Wasm: the others run on until something stops.
                guest.endSolo();
                threads.releaseParked();
                armed.update();
            }
            lock.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void markRunning() {
        lock.run(() -> {
            if (guest.start()) {
                lock.signalAll();
            }
        });
    }

    /** Records how the guest ended and wakes everyone waiting. */
    void terminate(StopReason reason, int exitCode, String message) {
        lock.run(() -> {
            StopEvent crash = traps.crash();
            String text = reason == StopReason.CRASHED && crash != null && message == null ? crash.message() : message;
            int module = crash == null ? -1 : crash.moduleIndex();
            int pc = crash == null ? -1 : crash.pc();
            threads.clear();
            guest.endSolo();
            armed.disarm();
            armed.update();
            guest.end(new StopEvent(++sequence, reason, module, pc, pc, text, exitCode));
            listeners.deliver(guest.lastEvent());
            lock.signalAll();
        });
    }

    boolean killRequested() {
        return guest.killRequested();
    }

    /**
     * Parks the calling thread until the debugger resumes it. With an event, the whole guest
     * stops for it (and every other thread holds at its next instruction); without one, the
     * thread holds because another one stopped.
     */
    private void park(GuestThread thread, StopEvent event) {
        if (event != null) {
            guest.stop(thread, event);
            armed.pauseTaken();
            threads.stopStepping();
        }
        long generation = thread.park(event);
        armed.update();
        if (event != null) {
            lock.signalAll();
            if (event.reason() != StopReason.STEP) {
                awaitOthersParked();
            }
            if (guest.lastEvent() == event) {
                listeners.deliver(event);
            }
        }
        lock.signalAll();
        while (!thread.resumedSince(generation) && !guest.killRequested()) {
            lock.awaitUninterruptibly();
        }
        thread.unpark();
        if (guest.killRequested()) {
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
        try {
            lock.awaitUntil(threads::noOtherRuns, System.nanoTime() + OTHERS_SETTLE.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- debugger side ----

    void addListener(Consumer<StopEvent> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<StopEvent> listener) {
        listeners.remove(listener);
    }

    long stepCount() {
        return lock.call(decision::steps);
    }

    /** A module was added: while a debugger is attached, its first instruction announces it. */
    void moduleAdded(int moduleIndex) {
        lock.run(() -> {
            if (attached && !guest.closed()) {
                armed.announce(moduleIndex);
                armed.update();
            }
        });
    }

    /** Requests a stop before the very first instruction; call before the guest starts. */
    void requestEntryStop() {
        lock.run(() -> {
            armed.requestPause(StopReason.ENTRY);
            armed.update();
        });
    }

    boolean interrupt() {
        return lock.call(() -> {
            if (!guest.runs()) {
                return false;
            }
            armed.requestPause(StopReason.INTERRUPT);
            armed.update();
            return true;
        });
    }

    /**
     * Resumes a stopped guest: every thread continues, or the stopped thread takes one step while
     * the others stay parked.
     */
    void resume(ResumeMode mode) {
        lock.run(() -> {
            guest.require(ExecutionState.STOPPED, "resume");
            if (mode == ResumeMode.STEP) {
                resumeThreads(Map.of(guest.stopThread().id, ResumeMode.STEP), null);
            } else {
                resumeThreads(Map.of(), ResumeMode.CONTINUE);
            }
        });
    }

    /**
     * Resumes threads of a stopped guest one by one ({@code vCont}).
     *
     * @param actions what each named thread does
     * @param others what every other thread does; null to keep them parked
     */
    void resume(Map<Long, ResumeMode> actions, ResumeMode others) {
        lock.run(() -> {
            guest.require(ExecutionState.STOPPED, "resume");
            for (long id : actions.keySet()) {
                if (threads.byId(id) == null) {
                    throw new IllegalArgumentException("no thread " + id + " inside Wasm");
                }
            }
            resumeThreads(actions, others);
        });
    }

    private void resumeThreads(Map<Long, ResumeMode> actions, ResumeMode others) {
        boolean mayswitch = threads.noOtherRuns();
        List<GuestThread> released = new ArrayList<>();
        for (GuestThread thread : threads.all()) {
            ResumeMode mode = actions.getOrDefault(thread.id, others);
            if (mode != null && thread.parked) {
                thread.resume(mode == ResumeMode.STEP);
                released.add(thread);
            }
        }
        guest.resume(others == null && released.size() == 1 ? released.get(0) : null);
        armed.update(mayswitch);
        lock.signalAll();
    }

    void requestKill() {
        lock.run(() -> {
            guest.setKillRequested(true);
            armed.update();
            lock.signalAll();
        });
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
            guest.setKillRequested(true);
            armed.update();
            lock.signalAll();
            lock.awaitUntil(threads::isEmpty, deadline);
            boolean allLeft = threads.isEmpty();
            guest.setKillRequested(false);
            detachUnderLock();
            return allLeft;
        } finally {
            lock.unlock();
        }
    }

    /** A debugger arrived: traps stop from now on, and a running guest stops at its next instruction. */
    void attach() {
        lock.run(() -> {
            attached = true;
            if (guest.runs() && armed.requestPause(StopReason.ENTRY)) {
                armed.update();
            }
        });
    }

    void setAttached(boolean value) {
        lock.run(() -> attached = value);
    }

    /** Forgets breakpoints and pending stops and lets every parked thread run on. */
    void detach() {
        lock.run(this::detachUnderLock);
    }

    private void detachUnderLock() {
        attached = false;
        armed.forgetAnnouncements();
        armed.disarm();
        if (guest.is(ExecutionState.STOPPED)) {
            resumeThreads(Map.of(), ResumeMode.CONTINUE);
        } else {
            threads.stopStepping();
            guest.endSolo();
            threads.releaseParked();
            armed.update();
            lock.signalAll();
        }
    }

    /** Detaches for good: every parked thread runs on, and no thread stops again. */
    void close() {
        lock.run(() -> {
            detachUnderLock();
            guest.close();
            armed.update();
            lock.signalAll();
        });
    }

    /**
     * Changes breakpoints, watchpoints or what else is armed under the lock, then publishes the
     * new gate to every hook.
     */
    <T> T editArmed(Function<ArmedState, T> edit) {
        return lock.call(() -> {
            T result = edit.apply(armed);
            armed.update();
            return result;
        });
    }

    /** Reads what is armed under the lock. */
    <T> T readArmed(Function<ArmedState, T> read) {
        return lock.call(() -> read.apply(armed));
    }
}
