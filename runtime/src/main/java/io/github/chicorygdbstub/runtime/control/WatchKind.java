package io.github.chicorygdbstub.runtime.control;

/** Which accesses to a watched range stop the guest. */
public enum WatchKind {
    /** Instructions that write the range ({@code Z2}, GDB's {@code watch}). */
    WRITE,
    /** Instructions that read the range ({@code Z3}, GDB's {@code rwatch}). */
    READ,
    /** Instructions that read or write the range ({@code Z4}, GDB's {@code awatch}). */
    ACCESS;

    /** Whether an access of this direction triggers the watchpoint. */
    boolean firesOn(boolean write) {
        return this == ACCESS || (this == WRITE) == write;
    }
}
