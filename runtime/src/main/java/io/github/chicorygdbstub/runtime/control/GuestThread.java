package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One Java thread while it runs Wasm code of a debugged instance: what the debugger shows as a
 * thread. Its machine stack is touched only by the thread itself, or by others while it is
 * parked; everything else is guarded by the controller's lock.
 */
final class GuestThread {
    final long id;
    final Thread javaThread;
    /** Machines this thread is running, outermost first (a host call into another module adds one). */
    final List<DebugMachine> machines = new ArrayList<>();

    /** Incremented by every resume of this thread; a parked thread waits for it to change. */
    long resumeGeneration;
    boolean parked;
    boolean stepping;
    /** Why this thread last parked; null for a thread that parked because another one stopped. */
    StopEvent stopEvent;
    /** The export or function the thread entered Wasm through, for its name. */
    String entry;
    /** Frames of this stop, captured on first request; null while running. */
    List<FrameSnapshot> frames;

    GuestThread(long id, Thread javaThread) {
        this.id = id;
        this.javaThread = javaThread;
    }

    List<DebugMachine> machinesInnermostFirst() {
        var innermostFirst = new ArrayList<>(machines);
        Collections.reverse(innermostFirst);
        return innermostFirst;
    }

    /** What a debugger shows for the thread: the Java thread's name and, once known, its entry. */
    String name() {
        return entry == null ? javaThread.getName() : javaThread.getName() + " (" + entry + ")";
    }
}
