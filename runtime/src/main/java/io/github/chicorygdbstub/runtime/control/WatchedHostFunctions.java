package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.HostFunction;

/**
 * Wraps the host functions a guest links (WASI and the embedder's) so that write watchpoints see
 * what they write: the calling instance's hook copies the watched bytes before the call and
 * compares them after it ({@link HostCallWrites}). While no watchpoint watches writes, a call
 * costs one read of the hook's gate more; the interpreter's instruction path is untouched.
 */
final class WatchedHostFunctions {
    private WatchedHostFunctions() {}

    /** The same function, watched when a debuggable instance calls it. */
    static HostFunction wrap(HostFunction function) {
        var handle = function.handle();
        return new HostFunction(function.module(), function.name(), function.functionType(), (instance, args) -> {
            InstructionHook hook = instance.getMachine() instanceof DebugMachine machine ? machine.hook() : null;
            HostCallWrites before = hook == null ? null : hook.hostCallStarts();
            long[] results = handle.apply(instance, args);
            if (before != null) {
                hook.hostCallEnded(before);
            }
            return results;
        });
    }
}
