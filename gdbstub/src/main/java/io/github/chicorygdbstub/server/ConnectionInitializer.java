package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.codec.RspAckHandler;
import io.github.chicorygdbstub.codec.RspFrameDecoder;
import io.github.chicorygdbstub.codec.RspFrameEncoder;
import io.github.chicorygdbstub.codec.WireTrace;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.session.LogContext;
import io.github.chicorygdbstub.session.PacketTable;
import io.github.chicorygdbstub.session.ServerStats;
import io.github.chicorygdbstub.session.Session;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;

/**
 * Builds each connection's pipeline. From the socket inwards: the stalled-write timeout (next to
 * the socket, where it sees every byte), framing, flow control (after the decoder, so that whole
 * requests wait, and before the acks, so that a waiting request is not acknowledged yet), acks,
 * the idle timeout, and the session. The timeouts are left out when they are off.
 */
final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {
    private final Debuggee debuggee;
    private final AddressSpace addressSpace;
    private final PacketTable table;
    private final ServerStats stats;
    private final ServerOptions options;
    private final SessionSlot slot;
    private final SessionListener listener;

    ConnectionInitializer(Debuggee debuggee, AddressSpace addressSpace, PacketTable table, ServerStats stats,
            ServerOptions options, SessionSlot slot, SessionListener listener) {
        this.debuggee = debuggee;
        this.addressSpace = addressSpace;
        this.table = table;
        this.stats = stats;
        this.options = options;
        this.slot = slot;
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        LogContext logContext = LogContext.of(
                () -> debuggee.modules().isEmpty() ? "guest" : debuggee.moduleName(0), channel.localAddress().getPort());
        if (!options.writeTimeout().isZero()) {
            pipeline.addLast(new StalledWriteTimeout(options.writeTimeout()));
        }
        var acks = new RspAckHandler();
        pipeline.addLast(new RspFrameEncoder(), new RspFrameDecoder(options.maxPacketSize()), new RequestFlowControl(),
                acks);
        if (!options.idleTimeout().isZero()) {
            pipeline.addLast(new IdleSessionTimeout(debuggee, options.idleTimeout()));
        }
        pipeline.addLast(new SessionChannelHandler(slot, acks, sink -> new Session(debuggee, addressSpace, table, stats,
                sink, options.maxPacketSize(), options.profile(), options.sourceDirectories(), logContext), listener));
        if (WireTrace.enabled()) {
            pipeline.addFirst(new WireTrace());
        }
        pipeline.addFirst(new LogContextHandler(logContext));
    }
}
