package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Java thread while it runs Wasm code of a debugged instance: what the debugger shows as a
 * thread. Its machine stack is touched only by the thread itself, or by others while it is
 * parked; its {@link #presence} follows the protocol of {@link GuestThreads}; everything else is
 * guarded by the controller's lock while the thread is listed. A Java thread keeps its object
 * from one entry into Wasm to the next ({@link #enter}, {@link #leave}).
 *
 * <p>Its own stop and resume: it {@link #park}s with the stop it reports, or none when it holds
 * for another thread's, and waits until a resume of its own ({@link #resume}, {@link #release})
 * changes its resume count, so that resuming one thread never wakes another; a resume to step
 * sets {@link #stepping}, which {@link StopDecision} turns into a stop at the next instruction.
 */
final class GuestThread {
    /** Not inside Wasm (or no longer in the list after the guest ended). */
    static final int OUTSIDE = 0;
    /** Inside Wasm, entered without the lock while nothing watched entries: not in the list yet. */
    static final int UNLISTED = 1;
    /** Inside Wasm and in the list of threads inside; changes only under the controller's lock. */
    static final int LISTED = 2;

    private static final VarHandle PRESENCE;

    static {
        try {
            PRESENCE = MethodHandles.lookup().findVarHandle(GuestThread.class, "presence", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final Thread javaThread;
    /**
     * Machines this thread is running, outermost first, {@link #depth} of them (a host call into
     * another module adds one); pushed and popped by the thread itself without the controller's
     * lock, read by others only while it is parked. An array rather than a list: every export
     * call pushes and pops one.
     */
    private DebugMachine[] machines = new DebugMachine[4];
    private int depth;
    /** {@link #OUTSIDE}, {@link #UNLISTED} or {@link #LISTED}; see {@link GuestThreads}. */
    private volatile int presence = OUTSIDE;

    /** Incremented by every resume of this thread; a parked thread waits for it to change. */
    private long resumeGeneration;
    boolean parked;
    boolean stepping;
    /** Why this thread last parked; null for a thread that parked because another one stopped. */
    StopEvent stopEvent;
    /** The function of the outermost machine the thread entered Wasm through, for its name. */
    private int entryFunction;
    /** Frames of this stop, captured on first request; null while running. */
    List<FrameSnapshot> frames;

    GuestThread(long id, Thread javaThread) {
        this.id = id;
        this.javaThread = javaThread;
    }

    /**
     * The thread enters Wasm from outside through {@code function}, with nothing left of an
     * earlier entry; the caller then publishes its presence and pushes the machine. Called by the
     * thread itself while it is outside, when no other thread touches these fields.
     */
    void enter(int function) {
        stepping = false;
        stopEvent = null;
        frames = null;
        entryFunction = function;
    }

    /** The thread left Wasm. */
    void leave() {
        presence = OUTSIDE;
        stepping = false;
        stopEvent = null;
    }

    /**
     * The thread parks, under the controller's lock: for {@code event}, or (null) because another
     * thread stopped. It steps no more.
     *
     * @return its resume count, which a resume of it changes ({@link #resumedSince})
     */
    long park(StopEvent event) {
        parked = true;
        stopEvent = event;
        stepping = false;
        return resumeGeneration;
    }

    /** Whether a debugger resumed the thread since {@link #park} returned {@code generation}. */
    boolean resumedSince(long generation) {
        return resumeGeneration != generation;
    }

    /** The parked thread woke and runs on: the frames of its stop are gone. */
    void unpark() {
        parked = false;
        frames = null;
    }

    /** A debugger lets the parked thread run on: for one instruction only if {@code step}. */
    void resume(boolean step) {
        stepping = step;
        resumeGeneration++;
    }

    /** Lets the parked thread run on as it was: the guest is detached, or a solo run ended. */
    void release() {
        resumeGeneration++;
    }

    int presence() {
        return presence;
    }

    /** A volatile write: whatever the thread wrote before is visible to whoever reads the new value. */
    void setPresence(int value) {
        presence = value;
    }

    boolean changePresence(int expected, int value) {
        return PRESENCE.compareAndSet(this, expected, value);
    }

    /** Whether the thread is in the controller's list of threads inside Wasm. */
    boolean isListed() {
        return presence == LISTED;
    }

    /** Whether the thread is inside Wasm as far as the registry knows (listed or not). */
    boolean isInside() {
        return presence != OUTSIDE;
    }

    /** Whether the thread runs no machine: it is outside Wasm, or about to enter or leave it. */
    boolean runsNoMachine() {
        return depth == 0;
    }

    /** The thread itself enters {@code machine}. */
    void pushMachine(DebugMachine machine) {
        if (depth == machines.length) {
            machines = Arrays.copyOf(machines, 2 * depth);
        }
        machines[depth++] = machine;
    }

    /**
     * The thread itself leaves the machine it entered last (and lets go of it).
     *
     * @return whether that was its outermost machine
     */
    boolean popMachine() {
        machines[--depth] = null;
        return depth == 0;
    }

    List<DebugMachine> machinesInnermostFirst() {
        var innermostFirst = new ArrayList<DebugMachine>(depth);
        for (int index = depth - 1; index >= 0; index--) {
            innermostFirst.add(machines[index]);
        }
        return innermostFirst;
    }

    /** What a debugger shows for the thread: the Java thread's name and, once known, its entry. */
    String name() {
        return depth == 0 ? javaThread.getName()
                : javaThread.getName() + " (" + machines[0].functionName(entryFunction) + ")";
    }
}
