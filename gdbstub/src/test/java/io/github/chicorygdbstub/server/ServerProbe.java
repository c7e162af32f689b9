package io.github.chicorygdbstub.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** What tests in other packages may see of a server's current connection. */
public final class ServerProbe {
    private ServerProbe() {}

    /** Bytes of replies Netty holds for the current debugger because its socket would not take them; 0 without one. */
    public static long pendingOutputBytes(GdbStubServer server) {
        Channel channel = server.sessionChannel();
        ChannelOutboundBuffer buffer = channel == null ? null : channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Whether the server has stopped reading the current debugger's requests. */
    public static boolean readingPaused(GdbStubServer server) {
        Channel channel = server.sessionChannel();
        return channel != null && channel.isActive() && !channel.config().isAutoRead();
    }
}
