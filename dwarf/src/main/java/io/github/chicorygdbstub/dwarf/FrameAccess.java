package io.github.chicorygdbstub.dwarf;

import java.util.OptionalLong;

/**
 * What a DWARF location needs from a stopped frame: its Wasm locals, the instance's globals, its
 * operand stack and the instance's linear memory (DWARF addresses are offsets in memory 0).
 */
public interface FrameAccess {
    /**
     * The bits of a local of the frame.
     *
     * @param index the local's Wasm index (parameters first)
     * @return its bits, or empty if the frame has no such local
     */
    OptionalLong local(int index);

    /**
     * The bits of a global of the frame's instance.
     *
     * @param index the global's Wasm index
     * @return its bits, or empty if the instance has no such global
     */
    OptionalLong global(int index);

    /**
     * The bits of an operand on the frame's operand stack.
     *
     * @param index 0 for the bottom of the frame's operand stack
     * @return its bits, or empty if there is no such operand
     */
    OptionalLong operand(int index);

    /**
     * Bytes of the instance's memory 0.
     *
     * @param address the first byte
     * @param length how many bytes
     * @return a copy of the bytes, or null if they are not all inside the memory
     */
    byte[] memory(long address, int length);
}
