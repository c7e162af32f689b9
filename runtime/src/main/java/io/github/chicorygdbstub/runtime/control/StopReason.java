package io.github.chicorygdbstub.runtime.control;

/** Why the guest stopped or ended. */
public enum StopReason {
    /** Stopped before the first guest instruction (or at the first one after an attach). */
    ENTRY(false),
    /** Reached a breakpoint; the instruction there has not run yet. */
    BREAKPOINT(false),
    /**
     * The previous instruction read or wrote a watched range ({@link StopEvent#watchpoint()}
     * says which); the access has happened and the guest stopped before the next instruction.
     */
    WATCHPOINT(false),
    /**
     * Modules were added while a debugger is attached (an application instrumented new
     * instances): the first thread to run an instruction of one stops there, before it, so that
     * the debugger can load the new modules and place their breakpoints. Debuggers resume at once.
     */
    LIBRARY(false),
    /** Completed a single step. */
    STEP(false),
    /** Stopped on request ({@link Debuggee#interrupt()}). */
    INTERRUPT(false),
    /** A trap was raised; the trapping frame is still on the stack. Resuming ends the guest. */
    TRAP(false),
    /** The guest exited normally ({@code proc_exit} or {@code _start} returning). */
    EXITED(true),
    /** The guest ended because of a trap nobody stopped it for, or after resuming from one. */
    CRASHED(true),
    /** The guest was killed. */
    KILLED(true);

    private final boolean terminal;

    StopReason(boolean terminal) {
        this.terminal = terminal;
    }

    /** {@return whether the guest has ended (no further stops will follow)} */
    public boolean isTerminal() {
        return terminal;
    }
}
