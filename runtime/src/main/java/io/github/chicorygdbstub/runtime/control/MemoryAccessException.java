package io.github.chicorygdbstub.runtime.control;

/** A linear-memory access outside the memory's current size, or to a memory that does not exist. */
public final class MemoryAccessException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message the memory and range that were refused
     */
    public MemoryAccessException(String message) {
        super(message);
    }
}
