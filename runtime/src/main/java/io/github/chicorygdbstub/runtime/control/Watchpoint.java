package io.github.chicorygdbstub.runtime.control;

/**
 * A watched range of a linear memory.
 *
 * @param memoryIndex the memory (see {@link Debuggee} for memory indices)
 * @param address first watched byte
 * @param length number of watched bytes, at least 1
 * @param kind which accesses stop the guest
 */
public record Watchpoint(int memoryIndex, long address, int length, WatchKind kind) {

    /** Whether an access of {@code count} bytes at {@code start} touches a watched byte. */
    boolean overlaps(long start, long count) {
        return count > 0 && start < address + length && address < start + count;
    }
}
