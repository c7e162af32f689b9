package io.github.chicorygdbstub.codec;

/**
 * What {@link RspFrameDecoder} reads from a debugger: a packet, an interrupt, an acknowledgement, or a frame
 * that could not be accepted.
 *
 * <p>The set is closed so that a handler can tell it has dealt with every kind of message the wire can carry.
 * None of these messages is reference counted.
 */
public sealed interface RspInbound permits RspPacket, RspInterrupt, RspAck, RspNak, RspBadPacket {}
