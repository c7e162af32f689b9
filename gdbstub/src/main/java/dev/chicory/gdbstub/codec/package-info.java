/**
 * The GDB remote serial protocol on the wire: framing, checksums, escaping, run-length encoding and the
 * acknowledgement protocol, as Netty handlers.
 *
 * <p>A connection's pipeline is, from the socket inwards: {@link dev.chicory.gdbstub.codec.RspFrameEncoder},
 * {@link dev.chicory.gdbstub.codec.RspFrameDecoder}, {@link dev.chicory.gdbstub.codec.RspAckHandler}, then the
 * session. The decoder turns bytes into {@link dev.chicory.gdbstub.codec.RspInbound} messages, the ack handler
 * answers {@code +}/{@code -} and resends on a NAK, and the session sees only packets, interrupts and framing
 * errors it has to answer. The session writes {@link dev.chicory.gdbstub.codec.RspReply} objects; the encoder
 * frames them. Nothing here knows what a packet means. {@link dev.chicory.gdbstub.codec.Hex} holds the hex
 * conversions that packet parsers and reply builders share.
 */
package dev.chicory.gdbstub.codec;
