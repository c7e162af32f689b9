package io.github.chicorygdbstub.session;

import io.github.chicorygdbstub.codec.RspReply;

/**
 * Answers one family of packets. Handlers are registered in a {@link PacketTable} under the
 * packet name they serve; adding a packet means adding one handler.
 */
@FunctionalInterface
public interface PacketHandler {
    /**
     * Handles a request.
     *
     * @param args the bytes after the packet name
     * @param session connection state and the debuggee
     * @return the reply, or {@link SessionContext#replyLater()} when the reply is a stop reply
     *     that will be sent when the guest stops
     * @throws MalformedPacketException for arguments that do not parse (answered with E01)
     */
    RspReply handle(PacketReader args, SessionContext session);
}
