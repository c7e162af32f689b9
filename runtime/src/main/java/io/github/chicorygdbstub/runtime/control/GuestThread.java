package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One Java thread while it runs Wasm code of a debugged instance: what the debugger shows as a
 * thread. Its machine stack is touched only by the thread itself, or by others while it is
 * parked; everything else is guarded by the controller's lock. A Java thread keeps its object
 * from one entry into Wasm to the next ({@link #enter}, {@link #leave}).
 */
final class GuestThread {
    final long id;
    final Thread javaThread;
    /**
     * Machines this thread is running, outermost first (a host call into another module adds one);
     * pushed and popped by the thread itself without the controller's lock, read by others only
     * while it is parked.
     */
    final List<DebugMachine> machines = new ArrayList<>();
    /** Whether the thread is in the controller's list of threads inside Wasm. */
    boolean registered;

    /** Incremented by every resume of this thread; a parked thread waits for it to change. */
    long resumeGeneration;
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
     * earlier entry; the caller then pushes the machine.
     */
    void enter(int function) {
        stepping = false;
        stopEvent = null;
        frames = null;
        entryFunction = function;
        registered = true;
    }

    /** The thread left Wasm. */
    void leave() {
        registered = false;
        stepping = false;
        stopEvent = null;
    }

    List<DebugMachine> machinesInnermostFirst() {
        var innermostFirst = new ArrayList<>(machines);
        Collections.reverse(innermostFirst);
        return innermostFirst;
    }

    /** What a debugger shows for the thread: the Java thread's name and, once known, its entry. */
    String name() {
        return machines.isEmpty() ? javaThread.getName()
                : javaThread.getName() + " (" + machines.get(0).functionName(entryFunction) + ")";
    }
}
