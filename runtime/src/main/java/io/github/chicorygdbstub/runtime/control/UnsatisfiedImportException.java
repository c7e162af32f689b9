package io.github.chicorygdbstub.runtime.control;

/**
 * A module imports something that neither WASI, a host function nor another module provides, so
 * it could never be instantiated.
 */
public final class UnsatisfiedImportException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** The module with the import. */
    private final String moduleName;
    /** The import's module name. */
    private final String importModule;
    /** The import's field name. */
    private final String importName;
    /** The kind of import. */
    private final String kind;

    UnsatisfiedImportException(String moduleName, String importModule, String importName, String kind) {
        super(moduleName + " imports " + kind + " " + importModule + "." + importName
                + ", which neither WASI, a host function nor a linked module provides");
        this.moduleName = moduleName;
        this.importModule = importModule;
        this.importName = importName;
        this.kind = kind;
    }

    /**
     * The module with the import.
     *
     * @return the importing module's name
     */
    public String moduleName() {
        return moduleName;
    }

    /**
     * The import's module name.
     *
     * @return {@code env} for {@code env.log}
     */
    public String importModule() {
        return importModule;
    }

    /**
     * The import's field name.
     *
     * @return {@code log} for {@code env.log}
     */
    public String importName() {
        return importName;
    }

    /**
     * The kind of import.
     *
     * @return {@code function}, {@code memory}, {@code global}, {@code table} or {@code tag}
     */
    public String kind() {
        return kind;
    }
}
