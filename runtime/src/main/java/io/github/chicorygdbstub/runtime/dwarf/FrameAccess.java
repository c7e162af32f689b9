package io.github.chicorygdbstub.runtime.dwarf;

import java.util.OptionalLong;

/**
 * What a DWARF location needs from a stopped frame: its Wasm locals, the instance's globals, its
 * operand stack and the instance's linear memory (DWARF addresses are offsets in memory 0).
 */
public interface FrameAccess {
    /** The bits of local {@code index} (parameters first), if the frame has it. */
    OptionalLong local(int index);

    /** The bits of global {@code index} of the frame's instance, if it has it. */
    OptionalLong global(int index);

    /** The bits of operand {@code index}, 0 being the bottom of the frame's operand stack, if there is one. */
    OptionalLong operand(int index);

    /** {@code length} bytes of memory from {@code address}, or null if they are not all inside it. */
    byte[] memory(long address, int length);
}
