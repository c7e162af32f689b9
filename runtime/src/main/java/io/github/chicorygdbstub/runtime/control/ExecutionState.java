package io.github.chicorygdbstub.runtime.control;

/** Life cycle of a debuggee's guest thread. */
public enum ExecutionState {
    /** {@link Debuggee#start()} has not been called. */
    NOT_STARTED,
    /** Guest code (or a host call it made) is running. */
    RUNNING,
    /** The guest thread is parked at a stop; inspection is allowed. */
    STOPPED,
    /** The guest has ended; memories and globals stay readable. */
    TERMINATED
}
