package io.github.chicorygdbstub.runtime.control;

/** An operation that needs a stopped (or ended) guest was called while it runs. */
public final class NotStoppedException extends IllegalStateException {
    /**
     * Creates the exception.
     *
     * @param message the operation that was refused
     */
    public NotStoppedException(String message) {
        super(message);
    }
}
