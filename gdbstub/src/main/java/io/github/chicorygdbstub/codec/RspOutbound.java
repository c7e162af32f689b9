package io.github.chicorygdbstub.codec;

/**
 * What {@link RspFrameEncoder} writes to a debugger: a framed reply or a bare acknowledgement byte.
 *
 * <p>Closed so that the encoder provably handles every outbound message kind.
 */
public sealed interface RspOutbound permits RspReply, RspAckByte {}
