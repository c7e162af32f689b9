package io.github.chicorygdbstub.runtime.compiled;

/**
 * Thrown when a build-time-compiled module cannot be debugged from its artifact: it holds no
 * embedded original, or its descriptor cannot be read.
 */
public class CompiledArtifactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, and how to fix it
     */
    public CompiledArtifactException(String message) {
        super(message);
    }
}
