package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.wasm.ChicoryException;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import java.util.List;

/**
 * What a trap becomes: a {@link StopReason#TRAP} stop, once per trap (it passes through the
 * {@code eval} of every machine it unwinds), or, with no debugger to show it to, the crash that
 * ends the guest, kept with its frames for the report. Guarded by the controller's lock.
 */
final class TrapReports {
    private ChicoryException reported;
    private StopEvent crash;
    /** The Wasm frames at {@link #crash}, innermost first. */
    private List<FrameSnapshot> crashFrames = List.of();

    /** Whether {@code trap} was reported already, by a machine it unwound before. */
    boolean isReported(ChicoryException trap) {
        return trap == reported;
    }

    /**
     * The event of {@code trap}, from now on reported: at the innermost of its frames, or
     * without a location when none could be captured.
     *
     * @param machineModule the module of the machine that caught it, for an event without frames
     */
    StopEvent report(long sequence, ChicoryException trap, int machineModule, List<FrameSnapshot> frames,
            long threadId) {
        reported = trap;
        FrameSnapshot top = frames.isEmpty() ? null : frames.get(0);
        return new StopEvent(sequence, StopReason.TRAP, top == null ? machineModule : top.moduleIndex(),
                top == null ? -1 : top.pc(), top == null ? -1 : top.pc(), message(trap), 0, null, threadId);
    }

    /** Keeps a reported trap that does not stop the guest, for the report of the crash it becomes. */
    void keepAsCrash(StopEvent event, List<FrameSnapshot> frames) {
        crash = event;
        crashFrames = frames;
    }

    /** {@return the trap kept by {@link #keepAsCrash}, or null} */
    StopEvent crash() {
        return crash;
    }

    List<FrameSnapshot> crashFrames() {
        return crashFrames;
    }

    private static String message(ChicoryException trap) {
        String message = trap.getMessage();
        return message == null || message.isBlank() ? trap.getClass().getSimpleName() : message;
    }
}
