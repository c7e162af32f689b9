package io.github.chicorygdbstub.runtime.module;

/** Thrown when bytes handed to {@link ModuleImage} are not a valid WebAssembly module. */
public final class InvalidModuleException extends RuntimeException {
    public InvalidModuleException(String message) {
        super(message);
    }

    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
