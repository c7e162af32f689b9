package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.wasm.ChicoryException;

/** Unwinds the guest thread after {@link Debuggee#kill(java.time.Duration)}; never escapes the runtime. */
final class KilledException extends ChicoryException {
    KilledException() {
        super("guest killed by the debugger");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
