package io.github.chicorygdbstub.codec;

/**
 * A {@code -} outside any packet: the debugger could not read our last packet and asks for it again.
 * {@link RspAckHandler} resends the last reply while acknowledgements are on and swallows it otherwise.
 */
public enum RspNak implements RspInbound {
    /** The only instance. */
    INSTANCE
}
