package io.github.chicorygdbstub.runtime.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The Java threads inside Wasm right now. Each Java thread keeps one {@link GuestThread} from its
 * first entry on (a thread-local): its debugger id stays the same for as long as it lives, and an
 * export call allocates nothing and looks nothing up in a map (the cost of an export call in
 * docs/performance.md). Guarded by the controller's lock, except {@link #own()},
 * {@link #enterUnwatched} and {@link #leaveUnwatched}, which the calling thread runs without it.
 *
 * <p><b>Entry without the lock.</b> While nothing watches entries (no debugger stop, step,
 * pause, kill, breakpoint or watchpoint: nothing that needs to know which threads run, or to hold
 * a newcomer at entry), a thread that has entered before enters and leaves Wasm without the lock,
 * and is not in the list: it writes its presence {@link GuestThread#UNLISTED} (a volatile write)
 * and then reads {@link #watched} (a volatile read); it leaves with a compare-and-set of its
 * presence from {@code UNLISTED} to {@code OUTSIDE}. The lock holder that starts watching
 * ({@link #watchEntries}) writes {@code watched} and then adopts every known thread whose
 * presence is {@code UNLISTED}, by a compare-and-set to {@link GuestThread#LISTED}, into the
 * list. Why no thread inside Wasm is missed: volatile accesses are in one total order that agrees
 * with each thread's program order (JLS 17.4.4). If the entering thread's read of
 * {@code watched} comes after the watcher's write, it sees {@code true} and takes the lock
 * (having undone its presence with a compare-and-set, or found itself adopted when that fails);
 * otherwise its write of its presence came before its read, hence before the watcher's write and
 * the watcher's adoption that follows, which sees it. Each thread has its own presence word, so
 * the guarantee costs an entry one store-load fence and a leave one compare-and-set, neither on
 * a shared cache line. A leaving thread and an adopting watcher meet on that one compare-and-set:
 * if the watcher wins, the thread leaves through the lock and is taken off the list there, so a
 * thread is never left in the list after it has left Wasm. A thread adopts itself, under the
 * lock, when it reaches the controller while unlisted (a trap). While nothing watches, nothing
 * needs the unlisted threads: with the gate open both listening modes of {@link CodePatcher}
 * behave alike, so a mode switch that does not know of them is harmless.
 */
final class GuestThreads {
    /** The threads inside Wasm that the controller knows of, in the order they entered or were adopted. */
    private final List<GuestThread> inside = new ArrayList<>();
    /** Every thread that has entered and is alive (or was when last pruned), for adoption. */
    private final List<GuestThread> known = new ArrayList<>();
    private final ThreadLocal<GuestThread> own = new ThreadLocal<>();
    /**
     * Whether entering and leaving threads take the lock, so that every one is in {@link #inside};
     * false at first, when nothing is armed yet (a thread's first entry takes the lock anyway).
     */
    private volatile boolean watched;
    private long nextId = 1;

    /** {@return the calling thread's object, inside Wasm or not; null before its first entry} */
    GuestThread own() {
        return own.get();
    }

    /**
     * {@return the calling thread's object while it is inside Wasm, else null}; an unlisted
     * thread is listed from now on, so that it can park.
     */
    GuestThread current() {
        GuestThread thread = own.get();
        if (thread == null) {
            return null;
        }
        adoptIfUnlisted(thread);
        return thread.isListed() ? thread : null;
    }

    /**
     * Without the lock: the calling thread, outside Wasm and known, enters through
     * {@code function} unlisted if nothing watches entries.
     *
     * @return false if something watches: the caller enters under the lock (the thread may have
     *     been adopted meanwhile, and is then listed already)
     */
    boolean enterUnwatched(GuestThread thread, int function) {
        if (watched) {
            return false;
        }
        thread.enter(function);
        thread.setPresence(GuestThread.UNLISTED); // published before watched is read: see the class comment
        if (!watched) {
            return true;
        }
        // A watcher came meanwhile: either it adopted this thread, or it never will.
        thread.changePresence(GuestThread.UNLISTED, GuestThread.OUTSIDE);
        return false;
    }

    /**
     * Without the lock: the calling thread, which ran its outermost machine to the end, leaves
     * Wasm if it is still unlisted.
     *
     * @return false if it was adopted (or listed from the start): the caller leaves under the lock
     */
    boolean leaveUnwatched(GuestThread thread) {
        return thread.changePresence(GuestThread.UNLISTED, GuestThread.OUTSIDE);
    }

    /**
     * From now on every thread enters and leaves under the lock; the unlisted ones inside Wasm
     * are listed before this returns.
     */
    void watchEntries() {
        if (watched) {
            return;
        }
        watched = true; // before the adoption: see the class comment
        known.removeIf(GuestThreads::gone);
        known.forEach(this::adoptIfUnlisted);
    }

    /**
     * Lists {@code thread} if it is inside Wasm unlisted. It may be leaving at this moment: the
     * compare-and-set decides whether it is listed or has left.
     */
    private void adoptIfUnlisted(GuestThread thread) {
        if (thread.presence() == GuestThread.UNLISTED
                && thread.changePresence(GuestThread.UNLISTED, GuestThread.LISTED)) {
            inside.add(thread);
        }
    }

    /** Known threads enter and leave without the lock from now on, while they are not listed. */
    void unwatchEntries() {
        watched = false;
    }

    /** Lists the calling thread as it enters Wasm from outside through {@code function}. */
    GuestThread enter(int function) {
        GuestThread thread = own.get();
        if (thread == null) {
            thread = new GuestThread(nextId++, Thread.currentThread());
            own.set(thread);
            known.removeIf(GuestThreads::gone);
            known.add(thread);
        }
        thread.enter(function);
        thread.setPresence(GuestThread.LISTED);
        inside.add(thread);
        return thread;
    }

    void leave(GuestThread thread) {
        inside.remove(thread);
        thread.leave();
    }

    /** A thread that died outside Wasm: it can enter no more, so nobody needs to adopt it. */
    private static boolean gone(GuestThread thread) {
        return !thread.isInside() && !thread.javaThread.isAlive();
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

    /** Whether every listed thread inside Wasm but the calling one is parked. */
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
                thread.release();
            }
        }
    }
}
