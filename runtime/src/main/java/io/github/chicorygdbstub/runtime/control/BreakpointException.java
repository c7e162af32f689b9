package io.github.chicorygdbstub.runtime.control;

/**
 * A breakpoint or watchpoint that cannot be set: an offset outside every function body of the
 * module, a range outside the memory, or one watchpoint too many.
 */
public final class BreakpointException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what could not be set, and why
     */
    public BreakpointException(String message) {
        super(message);
    }
}
