package io.github.chicorygdbstub.runtime.control;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What the guest is doing as a debugger sees it: not started, running (all its threads, or one
 * alone while the others hold), stopped (and for which thread's stop) or ended, with the last
 * event; and whether it is being killed, or no longer debugged at all. The controller changes it
 * under its lock (but {@link #killRequested()} may be read without it); a
 * debugger thread asks, or waits for a stop or the end, through the methods that take the lock
 * themselves ({@link #current()}, {@link #last()}, {@link #awaitStop}, {@link #awaitEnd}).
 */
final class GuestState {
    private final ControllerLock lock;
    private ExecutionState state = ExecutionState.NOT_STARTED;
    private StopEvent lastEvent;
    /** The thread whose stop {@link #lastEvent} is, while stopped. */
    private GuestThread stopThread;
    /** While one thread steps or runs alone, the others hold at their next instruction. */
    private GuestThread soloThread;
    private volatile boolean killRequested;
    /** Detached for good: no thread stops again. */
    private boolean closed;

    GuestState(ControllerLock lock) {
        this.lock = lock;
    }

    // ---- for a debugger thread, taking the lock ----

    /** {@return the state at the time of the call} */
    ExecutionState current() {
        return lock.call(() -> state);
    }

    /** {@return the most recent stop or end, or null before the first one} */
    StopEvent last() {
        return lock.call(() -> lastEvent);
    }

    /** Waits until the guest is stopped or has ended; {@return the stop or end} */
    StopEvent awaitStop(Duration timeout) throws TimeoutException, InterruptedException {
        return await(() -> !runs(), "guest did not stop within " + timeout, timeout);
    }

    /** Waits until the guest has ended; {@return the event that says how} */
    StopEvent awaitEnd(Duration timeout) throws TimeoutException, InterruptedException {
        return await(() -> state == ExecutionState.TERMINATED, "guest did not end within " + timeout, timeout);
    }

    private StopEvent await(BooleanSupplier done, String failure, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (!lock.awaitUntil(done, deadline)) {
                throw new TimeoutException(failure);
            }
            return lastEvent;
        } finally {
            lock.unlock();
        }
    }

    // ---- under the lock ----

    ExecutionState state() {
        return state;
    }

    boolean is(ExecutionState expected) {
        return state == expected;
    }

    /** Whether the guest has not stopped, nor ended. */
    boolean runs() {
        return state == ExecutionState.RUNNING || state == ExecutionState.NOT_STARTED;
    }

    StopEvent lastEvent() {
        return lastEvent;
    }

    /** {@return the thread that stopped; null unless stopped} */
    GuestThread stopThread() {
        return stopThread;
    }

    /** Marks a guest that had not started as running; {@return whether it had not started} */
    boolean start() {
        if (state != ExecutionState.NOT_STARTED) {
            return false;
        }
        state = ExecutionState.RUNNING;
        return true;
    }

    /** {@code thread} stopped for {@code event}: every other thread holds, none runs alone. */
    void stop(GuestThread thread, StopEvent event) {
        state = ExecutionState.STOPPED;
        lastEvent = event;
        stopThread = thread;
        soloThread = null;
    }

    /**
     * The guest runs on.
     *
     * @param solo the one thread that runs while the others hold; null if every resumed thread runs
     */
    void resume(GuestThread solo) {
        soloThread = solo;
        stopThread = null;
        state = ExecutionState.RUNNING;
    }

    /** {@return the thread that runs alone, or null} */
    GuestThread soloThread() {
        return soloThread;
    }

    /** The thread that ran alone stops doing so (it left Wasm, or the debugger detached): all run. */
    void endSolo() {
        soloThread = null;
    }

    /** Whether {@code thread} holds where it is: the guest is stopped, or another thread runs alone. */
    boolean holds(GuestThread thread) {
        return state == ExecutionState.STOPPED || (soloThread != null && soloThread != thread);
    }

    /** Whether a thread that enters Wasm now waits: the guest is stopped, or one thread runs alone. */
    boolean holdsNewcomers() {
        return state == ExecutionState.STOPPED || soloThread != null;
    }

    /** Read without the lock too (a volatile read). */
    boolean killRequested() {
        return killRequested;
    }

    void setKillRequested(boolean requested) {
        killRequested = requested;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    void end(StopEvent event) {
        stopThread = null;
        state = ExecutionState.TERMINATED;
        lastEvent = event;
    }

    /** Throws {@link NotStoppedException}, saying that the guest cannot {@code what}, unless it is {@code expected}. */
    void require(ExecutionState expected, String what) {
        if (state != expected) {
            throw new NotStoppedException("cannot " + what + " while the guest is " + state.name().toLowerCase());
        }
    }
}
