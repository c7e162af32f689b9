package io.github.chicorygdbstub.runtime.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The Java threads inside Wasm right now, in the order they entered, and the debugger ids they
 * keep for as long as they live. Guarded by the controller's lock: every method runs under it.
 */
final class GuestThreads {
    private final Map<Thread, GuestThread> inside = new LinkedHashMap<>();
    private final Map<Thread, Long> ids = new WeakHashMap<>();
    private long nextId = 1;

    /** {@return the calling thread's entry, or null while it is outside Wasm} */
    GuestThread current() {
        return inside.get(Thread.currentThread());
    }

    /** Registers the calling thread as it enters Wasm through {@code entry}. */
    GuestThread enter(String entry) {
        Thread current = Thread.currentThread();
        var thread = new GuestThread(ids.computeIfAbsent(current, t -> nextId++), current);
        thread.entry = entry;
        inside.put(current, thread);
        return thread;
    }

    void leave(GuestThread thread) {
        inside.remove(thread.javaThread);
    }

    GuestThread byId(long id) {
        for (GuestThread thread : inside.values()) {
            if (thread.id == id) {
                return thread;
            }
        }
        return null;
    }

    List<GuestThread> all() {
        return new ArrayList<>(inside.values());
    }

    boolean isEmpty() {
        return inside.isEmpty();
    }

    void clear() {
        inside.clear();
    }

    boolean anyStepping() {
        return inside.values().stream().anyMatch(thread -> thread.stepping);
    }

    void stopStepping() {
        inside.values().forEach(thread -> thread.stepping = false);
    }

    /** Whether a thread inside Wasm other than {@code thread} is not parked. */
    boolean anyRunningBesides(GuestThread thread) {
        for (GuestThread other : inside.values()) {
            if (other != thread && !other.parked) {
                return true;
            }
        }
        return false;
    }

    /** Whether every thread inside Wasm but the calling one is parked. */
    boolean noOtherRuns() {
        Thread current = Thread.currentThread();
        for (GuestThread thread : inside.values()) {
            if (!thread.parked && thread.javaThread != current) {
                return false;
            }
        }
        return true;
    }

    /** Lets every parked thread run on (each wakes when its own resume count changes). */
    void releaseParked() {
        for (GuestThread thread : inside.values()) {
            if (thread.parked) {
                thread.resumeGeneration++;
            }
        }
    }
}
