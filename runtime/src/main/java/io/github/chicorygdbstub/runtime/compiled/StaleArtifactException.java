package io.github.chicorygdbstub.runtime.compiled;

import java.util.List;

/**
 * Thrown when the original embedded in an artifact does not correspond to the module compiled
 * into it, typically because the {@code .wasm} was rebuilt after compilation and only one of the
 * two outputs was refreshed. Debugging such an artifact would show code and variables that are
 * not the ones running, so it is refused.
 */
public final class StaleArtifactException extends CompiledArtifactException {
    private static final long serialVersionUID = 1L;

    /** What differs, one item each. */
    private final List<String> differences;

    /**
     * Creates the exception.
     *
     * @param compiledModule the compiled module's class name
     * @param originalName the embedded original's name
     * @param differences what differs, one item each
     */
    public StaleArtifactException(String compiledModule, String originalName, List<String> differences) {
        super(compiledModule + ": the embedded original " + originalName + " does not match the compiled module"
                + " (was the .wasm rebuilt after compilation?): " + String.join("; ", differences)
                + ". Rebuild the artifact so that both come from the same .wasm.");
        this.differences = List.copyOf(differences);
    }

    /**
     * What differs between the embedded original and the compiled module.
     *
     * @return one item per difference, such as {@code "type section: 6 entries in the original,
     *     5 in the compiled module"}
     */
    public List<String> differences() {
        return differences;
    }
}
