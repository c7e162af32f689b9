package io.github.chicorygdbstub.runtime.control;

import io.github.chicorygdbstub.dwarf.FrameAccess;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.GlobalValue;
import java.util.List;
import java.util.OptionalLong;

/**
 * A frame of the stopped guest as DWARF locations see it: the snapshot's locals and operands,
 * and the globals and linear memory of its module's instance.
 */
final class StoppedFrameAccess implements FrameAccess {
    private final Debuggee debuggee;
    private final FrameSnapshot frame;
    private List<GlobalValue> globals;

    StoppedFrameAccess(Debuggee debuggee, FrameSnapshot frame) {
        this.debuggee = debuggee;
        this.frame = frame;
    }

    @Override
    public OptionalLong local(int index) {
        return index >= 0 && index < frame.localCount() ? OptionalLong.of(frame.locals().get(index).bits())
                : OptionalLong.empty();
    }

    @Override
    public OptionalLong global(int index) {
        if (globals == null) {
            globals = debuggee.globals(frame.moduleIndex());
        }
        return index >= 0 && index < globals.size() ? OptionalLong.of(globals.get(index).value().bits())
                : OptionalLong.empty();
    }

    @Override
    public OptionalLong operand(int index) {
        return index >= 0 && index < frame.operandStackSize() ? OptionalLong.of(frame.operandStackSlot(index))
                : OptionalLong.empty();
    }

    @Override
    public byte[] memory(long address, int length) {
        byte[] bytes = new byte[length];
        try {
            return debuggee.readMemory(frame.moduleIndex(), address, bytes, 0, length) == length ? bytes : null;
        } catch (MemoryAccessException | IllegalStateException e) {
            return null;
        }
    }
}
