package io.github.chicorygdbstub.session;

import io.github.chicorygdbstub.codec.RspReply;
import io.netty.buffer.ByteBufAllocator;

/**
 * Where a session's outgoing packets go. The Netty channel in production, a list in unit tests;
 * the session itself never touches a socket. {@link #send} may be called from any thread.
 */
public interface PacketSink {
    /**
     * Sends one packet (replies, stop replies, console output).
     *
     * @param reply the packet; ownership passes to the sink
     */
    void send(RspReply reply);

    /** Stops acknowledging packets; called right after the {@code OK} to {@code QStartNoAckMode} was sent. */
    void disableAcks();

    /** Closes the connection once everything sent so far is written. */
    void close();

    /** {@return the allocator for reply buffers} */
    ByteBufAllocator alloc();
}
