package io.github.chicorygdbstub.codec;

/**
 * A {@code +} outside any packet: the debugger acknowledges our last packet. Clients also send one right
 * after connecting and one after the {@code OK} to {@code QStartNoAckMode}, so it carries no obligation.
 * {@link RspAckHandler} swallows it.
 */
public enum RspAck implements RspInbound {
    /** The only instance. */
    INSTANCE
}
