package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Inspection of the threads that hold still inside Wasm: the list a debugger shows of a stopped
 * guest, each parked thread's frames (captured on first request and kept for the stop), its live
 * machines for writes, the frames of a thread at a breakpoint condition or a trap, and those of
 * the trap that crashed the guest. Each call from a debugger thread takes the controller's lock
 * and checks that the guest is stopped; the controller's own calls come under the lock, from the
 * thread they read.
 */
final class StoppedThreads {
    private final ControllerLock lock;
    private final GuestState guest;
    private final GuestThreads threads;
    private final FrameCapture frameCapture;
    private final TrapReports traps;

    StoppedThreads(ControllerLock lock, GuestState guest, GuestThreads threads, FrameCapture frameCapture,
            TrapReports traps) {
        this.lock = lock;
        this.guest = guest;
        this.threads = threads;
        this.frameCapture = frameCapture;
        this.traps = traps;
    }

    /** The parked threads of the stopped guest, the one that stopped first; none while it runs. */
    List<GuestThreadInfo> list() {
        return lock.call(() -> {
            if (!guest.is(ExecutionState.STOPPED)) {
                return List.of();
            }
            var list = new ArrayList<GuestThreadInfo>();
            list.add(info(guest.stopThread()));
            for (GuestThread thread : threads.all()) {
                if (thread.parked && thread != guest.stopThread()) {
                    list.add(info(thread));
                }
            }
            return List.copyOf(list);
        });
    }

    private static GuestThreadInfo info(GuestThread thread) {
        return new GuestThreadInfo(thread.id, thread.name(), thread.stopEvent);
    }

    /** The frames of the thread that stopped, the same list for the whole stop; none once the guest ended. */
    List<FrameSnapshot> frames() {
        return lock.call(() -> {
            if (guest.is(ExecutionState.TERMINATED)) {
                return List.of();
            }
            guest.require(ExecutionState.STOPPED, "read frames");
            return framesOf(guest.stopThread());
        });
    }

    /** The frames of one parked thread, the same list for the whole stop. */
    List<FrameSnapshot> frames(long threadId) {
        return lock.call(() -> {
            guest.require(ExecutionState.STOPPED, "read frames");
            return framesOf(parked(threadId));
        });
    }

    private List<FrameSnapshot> framesOf(GuestThread thread) {
        if (thread.frames == null) {
            thread.frames = frameCapture.capture(thread.machinesInnermostFirst());
        }
        return thread.frames;
    }

    private GuestThread parked(long threadId) {
        GuestThread thread = threads.byId(threadId);
        if (thread == null || !thread.parked) {
            throw new IllegalArgumentException("no thread " + threadId + " stopped inside Wasm");
        }
        return thread;
    }

    /**
     * Runs {@code action} on the live machines of a parked thread, innermost first (for local
     * writes); its frames are captured anew afterwards.
     *
     * @param threadId the thread; 0 for the one that stopped
     */
    <T> T withLiveMachines(String what, long threadId, Function<List<DebugMachine>, T> action) {
        return lock.call(() -> {
            guest.require(ExecutionState.STOPPED, what);
            GuestThread thread = threadId == 0 ? guest.stopThread() : parked(threadId);
            thread.frames = null;
            return action.apply(thread.machinesInnermostFirst());
        });
    }

    /** Runs {@code action} under the lock while the guest is parked (or has ended): memory and globals. */
    <T> T whileStopped(String what, Supplier<T> action) {
        return lock.call(() -> {
            if (!guest.is(ExecutionState.TERMINATED)) {
                guest.require(ExecutionState.STOPPED, what);
            }
            return action.get();
        });
    }

    /** The frames of the trap that crashed the guest while no debugger was attached, innermost first. */
    List<FrameSnapshot> crashFrames() {
        return lock.call(() -> guest.is(ExecutionState.TERMINATED) && guest.lastEvent().reason() == StopReason.CRASHED
                ? traps.crashFrames() : List.of());
    }

    /** The calling thread's frames, under the lock; none if its stack is too deep to copy. */
    List<FrameSnapshot> captureSafely(GuestThread thread) {
        try {
            return frameCapture.capture(thread.machinesInnermostFirst());
        } catch (StackOverflowError e) {
            return List.of();
        }
    }
}
