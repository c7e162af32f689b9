package io.github.chicorygdbstub.runtime.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The Java threads inside Wasm right now, in the order they entered. Each Java thread keeps one
 * {@link GuestThread} from its first entry on (a thread-local): its debugger id stays the same
 * for as long as it lives, and an export call allocates nothing and looks nothing up in a map
 * (the cost of an export call in docs/performance.md). Guarded by the controller's lock, except
 * {@link #own()}, which only the calling thread's value answers.
 */
final class GuestThreads {
    private final List<GuestThread> inside = new ArrayList<>();
    private final ThreadLocal<GuestThread> own = new ThreadLocal<>();
    private long nextId = 1;

    /** {@return the calling thread's object, inside Wasm or not; null before its first entry} */
    GuestThread own() {
        return own.get();
    }

    /** {@return the calling thread's object while it is inside Wasm, else null} */
    GuestThread current() {
        GuestThread thread = own.get();
        return thread != null && thread.registered ? thread : null;
    }

    /** Registers the calling thread as it enters Wasm from outside through {@code function}. */
    GuestThread enter(int function) {
        GuestThread thread = own.get();
        if (thread == null) {
            thread = new GuestThread(nextId++, Thread.currentThread());
            own.set(thread);
        }
        thread.enter(function);
        inside.add(thread);
        return thread;
    }

    void leave(GuestThread thread) {
        inside.remove(thread);
        thread.leave();
    }

    GuestThread byId(long id) {
        for (GuestThread thread : inside) {
            if (thread.id == id) {
                return thread;
            }
        }
        return null;
    }

    List<GuestThread> all() {
        return new ArrayList<>(inside);
    }

    boolean isEmpty() {
        return inside.isEmpty();
    }

    void clear() {
        inside.forEach(GuestThread::leave);
        inside.clear();
    }

    boolean anyStepping() {
        return inside.stream().anyMatch(thread -> thread.stepping);
    }

    void stopStepping() {
        inside.forEach(thread -> thread.stepping = false);
    }

    /** Whether a thread inside Wasm other than {@code thread} is not parked. */
    boolean anyRunningBesides(GuestThread thread) {
        for (GuestThread other : inside) {
            if (other != thread && !other.parked) {
                return true;
            }
        }
        return false;
    }

    /** Whether every thread inside Wasm but the calling one is parked. */
    boolean noOtherRuns() {
        Thread current = Thread.currentThread();
        for (GuestThread thread : inside) {
            if (!thread.parked && thread.javaThread != current) {
                return false;
            }
        }
        return true;
    }

    /** Lets every parked thread run on (each wakes when its own resume count changes). */
    void releaseParked() {
        for (GuestThread thread : inside) {
            if (thread.parked) {
                thread.resumeGeneration++;
            }
        }
    }
}
