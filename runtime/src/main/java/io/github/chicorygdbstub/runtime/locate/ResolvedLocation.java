package io.github.chicorygdbstub.runtime.locate;

/**
 * One place a breakpoint resolved to: an instruction start inside a function body, with what the
 * line table says about it.
 *
 * @param offset the instruction's file offset in the module (the unit of every code offset in the
 *     runtime)
 * @param functionIndex the index of the function whose body holds it, imports included
 * @param function that function's name from the {@code name} section, or {@code func[N]}
 * @param file the source file as the line table names it; empty when the table does not cover the
 *     instruction
 * @param line the 1-based source line: for a {@code FILE:LINE} request the line the breakpoint
 *     moved to, which may be later than the one asked for (a function's opening line keeps its
 *     number though its first instruction belongs to the next line); otherwise the instruction's
 *     line; 0 when the table does not cover the instruction
 */
public record ResolvedLocation(int offset, int functionIndex, String function, String file, int line) {

    /** {@return whether the line table gives this instruction a source line} */
    public boolean hasSource() {
        return line > 0;
    }

    /** {@code 0x1a3 in fib at fib.c:11}, or without the source part when there is none. */
    @Override
    public String toString() {
        String where = "0x" + Integer.toHexString(offset) + " in " + function;
        return hasSource() ? where + " at " + file + ":" + line : where;
    }
}
