package io.github.chicorygdbstub.runtime.control;

/**
 * A module imports something that neither WASI, a host function nor another module provides, so
 * it could never be instantiated.
 */
public final class UnsatisfiedImportException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String moduleName;
    private final String importModule;
    private final String importName;
    private final String kind;

    UnsatisfiedImportException(String moduleName, String importModule, String importName, String kind) {
        super(moduleName + " imports " + kind + " " + importModule + "." + importName
                + ", which neither WASI, a host function nor a linked module provides");
        this.moduleName = moduleName;
        this.importModule = importModule;
        this.importName = importName;
        this.kind = kind;
    }

    /** The module with the import. */
    public String moduleName() {
        return moduleName;
    }

    /** The import's module name ({@code env} in {@code env.log}). */
    public String importModule() {
        return importModule;
    }

    /** The import's field name ({@code log} in {@code env.log}). */
    public String importName() {
        return importName;
    }

    /** {@code function}, {@code memory}, {@code global}, {@code table} or {@code tag}. */
    public String kind() {
        return kind;
    }
}
