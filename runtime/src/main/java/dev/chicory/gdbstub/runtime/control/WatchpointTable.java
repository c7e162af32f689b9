package dev.chicory.gdbstub.runtime.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Watchpoints of all memories; edited under the controller's lock. The guest thread never reads
 * this table: each instruction hook gets an array of its memory's watchpoints, published by the
 * volatile write of its gate that follows every edit.
 */
final class WatchpointTable {
    /** As many as a client may set; LLDB learns it from {@code qWatchpointSupportInfo}. */
    static final int CAPACITY = 32;

    private static final Watchpoint[] NONE = new Watchpoint[0];

    private final List<Watchpoint> watchpoints = new ArrayList<>();

    /** Adds a watchpoint; setting the same one twice keeps one. */
    Watchpoint add(Watchpoint watchpoint) {
        if (!watchpoints.contains(watchpoint)) {
            if (watchpoints.size() == CAPACITY) {
                throw new BreakpointException("at most " + CAPACITY + " watchpoints can be set");
            }
            watchpoints.add(watchpoint);
        }
        return watchpoint;
    }

    boolean remove(Watchpoint watchpoint) {
        return watchpoints.remove(watchpoint);
    }

    boolean contains(Watchpoint watchpoint) {
        return watchpoints.contains(watchpoint);
    }

    void clear() {
        watchpoints.clear();
    }

    boolean isEmpty() {
        return watchpoints.isEmpty();
    }

    List<Watchpoint> list() {
        return List.copyOf(watchpoints);
    }

    /** The watchpoints on one memory, in the order they were set. */
    Watchpoint[] forMemory(int memoryIndex) {
        if (watchpoints.isEmpty()) {
            return NONE;
        }
        return watchpoints.stream().filter(w -> w.memoryIndex() == memoryIndex).toArray(Watchpoint[]::new);
    }
}
