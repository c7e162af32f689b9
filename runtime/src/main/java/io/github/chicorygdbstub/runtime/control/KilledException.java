package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.wasm.ChicoryException;

/**
 * Unwinds a guest thread after {@link Debuggee#kill(java.time.Duration)}: a command's thread
 * ends with it; an application's call into an embedded debuggee's instance throws it to the
 * caller, as a trap would (it is a {@link ChicoryException}).
 */
public final class KilledException extends ChicoryException {
    private static final long serialVersionUID = 1L;

    KilledException() {
        super("guest killed by the debugger");
    }

    /** No stack trace: it is thrown at every instruction boundary a kill reaches, not a bug's trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
