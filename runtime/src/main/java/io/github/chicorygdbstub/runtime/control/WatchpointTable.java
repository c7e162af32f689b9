package io.github.chicorygdbstub.runtime.control;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watchpoints of all memories, each with the modules whose instances use its memory (more than
 * one when a module imports another's memory); edited under the controller's lock. The guest
 * thread never reads this table: each instruction hook gets an array of the watchpoints its
 * instance can trigger, published by the volatile write of its gate that follows every edit.
 */
final class WatchpointTable {
    private static final Watchpoint[] NONE = new Watchpoint[0];

    /** Watchpoint → the modules whose instances access its memory, in the order they were set. */
    private final Map<Watchpoint, BitSet> watchpoints = new LinkedHashMap<>();

    /** Adds a watchpoint seen by the instances of {@code modules}; setting the same one twice keeps one. */
    Watchpoint add(Watchpoint watchpoint, BitSet modules) {
        if (!watchpoints.containsKey(watchpoint) && watchpoints.size() == Debuggee.MAX_WATCHPOINTS) {
            throw new BreakpointException("at most " + Debuggee.MAX_WATCHPOINTS + " watchpoints can be set");
        }
        watchpoints.put(watchpoint, modules);
        return watchpoint;
    }

    boolean remove(Watchpoint watchpoint) {
        return watchpoints.remove(watchpoint) != null;
    }

    boolean contains(Watchpoint watchpoint) {
        return watchpoints.containsKey(watchpoint);
    }

    void clear() {
        watchpoints.clear();
    }

    boolean isEmpty() {
        return watchpoints.isEmpty();
    }

    List<Watchpoint> list() {
        return List.copyOf(watchpoints.keySet());
    }

    /** The watchpoints the instance of module {@code moduleIndex} can trigger. */
    Watchpoint[] forModule(int moduleIndex) {
        if (watchpoints.isEmpty()) {
            return NONE;
        }
        var seen = new ArrayList<Watchpoint>();
        watchpoints.forEach((watchpoint, modules) -> {
            if (modules.get(moduleIndex)) {
                seen.add(watchpoint);
            }
        });
        return seen.toArray(NONE);
    }
}
