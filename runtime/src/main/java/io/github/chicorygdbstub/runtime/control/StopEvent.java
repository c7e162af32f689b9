package io.github.chicorygdbstub.runtime.control;

/**
 * One stop (or the end) of the guest.
 *
 * @param sequence increases by one with every event of a debuggee, starting at 1
 * @param reason why it stopped
 * @param moduleIndex module of the stop location, -1 when the guest has ended or no location is known
 * @param pc file offset of the next instruction to run (the trapping one for a trap), -1 when unknown
 * @param requestedOffset for breakpoints, the offset the breakpoint was requested at (it may
 *     have slipped forward to {@code pc}); otherwise equal to {@code pc}
 * @param message the trap message for traps and crashes, null otherwise
 * @param exitCode the exit code for {@link StopReason#EXITED}, 0 otherwise
 * @param watchpoint for {@link StopReason#WATCHPOINT}, the watchpoint that fired; null otherwise
 * @param threadId the thread that stopped ({@link GuestThreadInfo#id()}); 0 for the end of the guest
 */
public record StopEvent(
        long sequence, StopReason reason, int moduleIndex, int pc, int requestedOffset, String message, int exitCode,
        Watchpoint watchpoint, long threadId) {

    /**
     * An event of no particular thread.
     *
     * @param sequence see {@link #sequence()}
     * @param reason see {@link #reason()}
     * @param moduleIndex see {@link #moduleIndex()}
     * @param pc see {@link #pc()}
     * @param requestedOffset see {@link #requestedOffset()}
     * @param message see {@link #message()}
     * @param exitCode see {@link #exitCode()}
     * @param watchpoint see {@link #watchpoint()}
     */
    public StopEvent(long sequence, StopReason reason, int moduleIndex, int pc, int requestedOffset, String message,
            int exitCode, Watchpoint watchpoint) {
        this(sequence, reason, moduleIndex, pc, requestedOffset, message, exitCode, watchpoint, 0);
    }

    /**
     * An event that no watchpoint caused.
     *
     * @param sequence see {@link #sequence()}
     * @param reason see {@link #reason()}
     * @param moduleIndex see {@link #moduleIndex()}
     * @param pc see {@link #pc()}
     * @param requestedOffset see {@link #requestedOffset()}
     * @param message see {@link #message()}
     * @param exitCode see {@link #exitCode()}
     */
    public StopEvent(
            long sequence, StopReason reason, int moduleIndex, int pc, int requestedOffset, String message, int exitCode) {
        this(sequence, reason, moduleIndex, pc, requestedOffset, message, exitCode, null);
    }

    /** {@return whether this event ends the guest} */
    public boolean isTerminal() {
        return reason.isTerminal();
    }

    /** {@return whether the event carries a code location} */
    public boolean hasLocation() {
        return moduleIndex >= 0 && pc >= 0;
    }
}
