package io.github.chicorygdbstub.runtime.control;

/** How to resume a stopped guest. */
public enum ResumeMode {
    /** Run until a breakpoint, an interrupt, a trap or the end. */
    CONTINUE,
    /** Execute exactly one instruction (stepping into calls; a host call is one step). */
    STEP
}
