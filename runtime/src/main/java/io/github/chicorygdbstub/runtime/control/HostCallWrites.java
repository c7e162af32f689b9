package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.Memory;
import java.util.Arrays;

/**
 * Write watchpoints across a call of a host function. Host functions (WASI filling a read
 * buffer, {@code args_sizes_get} storing two counts) write memory without running an
 * instruction, so no access can be decoded; instead the watched bytes are copied before the call
 * and compared after it ({@link WatchedHostFunctions}), and a change fires the watchpoint at the
 * caller's next instruction, as for a store. Changes are reported, not writes of the same value,
 * as GDB and LLDB do for their write watchpoints anyway. If the guest stopped during the call (a
 * host function that calls back into Wasm), the debugger has seen the memory since the copy,
 * and nothing is compared.
 */
final class HostCallWrites {
    private final Watchpoint[] watchpoints;
    private final byte[][] before;
    private final long stopsBefore;

    private HostCallWrites(Watchpoint[] watchpoints, byte[][] before, long stopsBefore) {
        this.watchpoints = watchpoints;
        this.before = before;
        this.stopsBefore = stopsBefore;
    }

    /** Copies what the write watchpoints among {@code watched} cover, or null when none watches writes. */
    static HostCallWrites before(Watchpoint[] watched, Memory memory, long stops) {
        Watchpoint[] writes = Arrays.stream(watched).filter(w -> w.kind().firesOn(true)).toArray(Watchpoint[]::new);
        if (writes.length == 0 || memory == null) {
            return null;
        }
        byte[][] copies = new byte[writes.length][];
        for (int i = 0; i < writes.length; i++) {
            copies[i] = read(memory, writes[i]);
        }
        return new HostCallWrites(writes, copies, stops);
    }

    /** The first watchpoint whose bytes the call changed, or null. */
    Watchpoint changed(Memory memory, long stops) {
        if (stops != stopsBefore) {
            return null;
        }
        for (int i = 0; i < watchpoints.length; i++) {
            if (!Arrays.equals(before[i], read(memory, watchpoints[i]))) {
                return watchpoints[i];
            }
        }
        return null;
    }

    /** The watched bytes that lie inside the memory now (it may have grown during the call). */
    private static byte[] read(Memory memory, Watchpoint watchpoint) {
        long size = (long) memory.pages() * Memory.PAGE_SIZE;
        long end = Math.min(size, watchpoint.address() + watchpoint.length());
        if (watchpoint.address() >= end) {
            return new byte[0];
        }
        return memory.readBytes((int) watchpoint.address(), (int) (end - watchpoint.address()));
    }
}
