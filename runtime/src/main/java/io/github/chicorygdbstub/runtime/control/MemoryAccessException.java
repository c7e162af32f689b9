package io.github.chicorygdbstub.runtime.control;

/** A linear-memory access outside the memory's current size, or to a memory that does not exist. */
public final class MemoryAccessException extends RuntimeException {
    public MemoryAccessException(String message) {
        super(message);
    }
}
