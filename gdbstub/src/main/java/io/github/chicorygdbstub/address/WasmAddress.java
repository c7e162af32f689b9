package io.github.chicorygdbstub.address;

/**
 * LLDB's synthetic 64-bit WebAssembly address: bits 63-62 the space, bits 61-32 the module or
 * memory id, bits 31-0 the offset. Module images live in the {@link Space#OBJECT} space (offset
 * counted from the start of the {@code .wasm} file); linear memories in the {@link Space#MEMORY}
 * space, so memory 0 is addressed by plain 32-bit offsets, as LLDB's DWARF evaluation produces.
 */
public final class WasmAddress {
    /** Base address of module image 0. */
    public static final long OBJECT_BASE = 0x4000000000000000L;
    /** LLDB 22-era clients decode ids with a 24-bit mask; keep ids below this. */
    public static final int MAX_ID = (1 << 24) - 1;

    /** The address spaces. */
    public enum Space {
        /** Linear memories: the id is the memory index. */
        MEMORY,
        /** Module images: the id is the module index. */
        OBJECT,
        /** LLDB post-22 synthetic globals space; never served. */
        GLOBAL,
        /** The top two bits set: no space. */
        INVALID
    }

    private WasmAddress() {}

    /**
     * Address of a byte of a module image.
     *
     * @param moduleIndex the module
     * @param offset the file offset in its image (the low 32 bits are used)
     * @return the {@link Space#OBJECT} address
     */
    public static long object(int moduleIndex, long offset) {
        return OBJECT_BASE | ((long) moduleIndex << 32) | (offset & 0xffffffffL);
    }

    /**
     * Address of a byte of a linear memory.
     *
     * @param memoryIndex the memory
     * @param offset the offset in the memory (the low 32 bits are used)
     * @return the {@link Space#MEMORY} address
     */
    public static long memory(int memoryIndex, long offset) {
        return ((long) memoryIndex << 32) | (offset & 0xffffffffL);
    }

    /**
     * The space an address is in (bits 63-62).
     *
     * @param address a synthetic address
     * @return its space
     */
    public static Space space(long address) {
        return Space.values()[(int) (address >>> 62)];
    }

    /**
     * The module or memory id (bits 61-32).
     *
     * @param address a synthetic address
     * @return the module index for {@link Space#OBJECT}, the memory index for {@link Space#MEMORY}
     */
    public static int id(long address) {
        return (int) ((address >>> 32) & 0x3fffffffL);
    }

    /**
     * The offset within the module image or memory (bits 31-0).
     *
     * @param address a synthetic address
     * @return the offset, 0 to 2<sup>32</sup> - 1
     */
    public static long offset(long address) {
        return address & 0xffffffffL;
    }
}
