/**
 * The GDB remote serial protocol on the wire: framing, checksums, escaping, run-length encoding and the
 * acknowledgement protocol, as Netty handlers.
 *
 * <p>A connection's pipeline is, from the socket inwards: {@link io.github.chicorygdbstub.codec.RspFrameEncoder},
 * {@link io.github.chicorygdbstub.codec.RspFrameDecoder}, {@link io.github.chicorygdbstub.codec.RspAckHandler}, then the
 * session. The decoder turns bytes into {@link io.github.chicorygdbstub.codec.RspInbound} messages, the ack handler
 * answers {@code +}/{@code -} and resends on a NAK, and the session sees only packets, interrupts and framing
 * errors it has to answer. The session writes {@link io.github.chicorygdbstub.codec.RspReply} objects; the encoder
 * frames them. Nothing here knows what a packet means. {@link io.github.chicorygdbstub.codec.Hex} holds the hex
 * conversions that packet parsers and reply builders share.
 */
package io.github.chicorygdbstub.codec;
