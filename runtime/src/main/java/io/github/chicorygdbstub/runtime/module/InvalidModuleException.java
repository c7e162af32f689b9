package io.github.chicorygdbstub.runtime.module;

/** Thrown when bytes handed to {@link ModuleImage} are not a valid WebAssembly module. */
public final class InvalidModuleException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what is wrong with the module
     */
    public InvalidModuleException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a parse failure.
     *
     * @param message what is wrong with the module
     * @param cause the parser's exception
     */
    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
