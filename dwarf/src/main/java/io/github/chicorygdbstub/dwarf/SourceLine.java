package io.github.chicorygdbstub.dwarf;

/**
 * A position in the source, from the module's DWARF line table.
 *
 * @param path the file as the line table names it: its include directory, if the table gives
 *     one, then the name
 * @param line 1-based line; 0 for code the compiler attributes to no line
 * @param column 1-based column, or 0 when unknown
 */
public record SourceLine(String path, int line, int column) {

    /** {@return the last component of {@link #path}, as debuggers show it in frames} */
    public String fileName() {
        return fileName(path);
    }

    /**
     * The last component of a path written with either kind of slash, as compilers on any system write them.
     *
     * @param path a file path
     * @return the part after the last slash or backslash (the whole path when it has none)
     */
    public static String fileName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    /** {@code file:line} or {@code file:line:column}. */
    @Override
    public String toString() {
        return fileName() + ":" + line + (column > 0 ? ":" + column : "");
    }
}
