package dev.chicory.gdbstub.runtime.control;

/** A breakpoint was requested at an offset that is not inside any function body of the module. */
public final class BreakpointException extends RuntimeException {
    public BreakpointException(String message) {
        super(message);
    }
}
