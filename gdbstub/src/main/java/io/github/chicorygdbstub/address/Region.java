package io.github.chicorygdbstub.address;

/**
 * One mapped range of the synthetic address space.
 *
 * @param kind what is mapped there
 * @param id module index (images) or memory index (memories)
 * @param start first address
 * @param length length in bytes (current size for memories)
 * @param name a display name (module name, or {@code memory[k]})
 */
public record Region(Kind kind, int id, long start, long length, String name) {

    /** What a region holds. */
    public enum Kind {
        /** A module's original bytes: readable, never writable. */
        MODULE_IMAGE,
        /** A linear memory: readable and writable. */
        LINEAR_MEMORY
    }

    /** {@return the address just past the region} */
    public long end() {
        return start + length;
    }

    /**
     * Whether an address lies inside the region (addresses compare unsigned).
     *
     * @param address a synthetic address
     * @return true if {@code start <= address < end()}
     */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end()) < 0;
    }
}
