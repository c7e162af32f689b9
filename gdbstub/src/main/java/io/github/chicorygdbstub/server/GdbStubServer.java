package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.packets.StandardPackets;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.session.PacketTable;
import io.github.chicorygdbstub.session.ServerStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GDB remote serial protocol server for one {@link Debuggee}, on Netty. One debugger at a time;
 * when it detaches or disconnects the guest runs on and another may connect.
 *
 * <p>A debugger that reads none of its replies is not answered further until it does (the server
 * stops reading its requests), so the memory it costs stays bounded; one that takes none of them
 * for {@link ServerOptions#writeTimeout()}, one that is silent for {@link ServerOptions#idleTimeout()}
 * while the guest is stopped, and one the application drops ({@link #dropSession()}) are
 * disconnected. Each of these ends the session as a debugger's own disconnect does.
 *
 * <pre>{@code
 * try (var server = GdbStubServer.start(debuggee, ServerOptions.loopback())) {
 *     System.out.println("connect to port " + server.port());
 *     debuggee.start();
 *     debuggee.awaitTermination(Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class GdbStubServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GdbStubServer.class);

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final SessionSlot slot;
    private final ServerStats stats;
    private final Debuggee debuggee;

    private GdbStubServer(EventLoopGroup group, Channel serverChannel, SessionSlot slot, ServerStats stats,
            Debuggee debuggee) {
        this.debuggee = debuggee;
        this.group = group;
        this.serverChannel = serverChannel;
        this.slot = slot;
        this.stats = stats;
    }

    /**
     * Binds and starts serving. Refuses a non-loopback address unless
     * {@link ServerOptions#allowRemote()}; with it, logs a warning.
     *
     * @param debuggee the guest to serve, started or not
     * @param options where and how to listen
     * @return the running server; {@link #close()} stops it
     * @throws IOException if the address cannot be bound (e.g. the port is busy)
     * @throws IllegalArgumentException for a non-loopback address without {@link ServerOptions#allowRemote()}
     */
    public static GdbStubServer start(Debuggee debuggee, ServerOptions options) throws IOException {
        return start(debuggee, options, SessionListener.NONE);
    }

    /**
     * Binds and starts serving, telling {@code listener} about every debugger that connects and
     * disconnects (from the first one on: nothing can connect before it is in place).
     *
     * @param debuggee the guest to serve, started or not
     * @param options where and how to listen
     * @param listener told about each connection and disconnection, on the event loop
     * @return the running server; {@link #close()} stops it
     * @throws IOException if the address cannot be bound (e.g. the port is busy)
     */
    public static GdbStubServer start(Debuggee debuggee, ServerOptions options, SessionListener listener)
            throws IOException {
        InetAddress host = InetAddress.getByName(options.host());
        if (!host.isLoopbackAddress()) {
            if (!options.allowRemote()) {
                throw new IllegalArgumentException("refusing to listen on non-loopback address " + options.host()
                        + ": the GDB remote protocol has no authentication and can write guest memory"
                        + " (allow it explicitly to do so anyway)");
            }
            LOG.warn("listening on {}: anyone who can reach this address can control the guest and write its"
                    + " memory; the GDB remote protocol has no authentication", options.host());
        }
        var slot = new SessionSlot();
        var stats = new ServerStats();
        var addressSpace = new AddressSpace(debuggee);
        PacketTable table = StandardPackets.table();
        // A daemon thread: the application's own threads decide when the JVM ends, not a debug
        // server it may have left open (a compiled module debugged through a system property
        // never gets to close it).
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("chicory-gdbstub", true),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // Netty's defaults, stated because the docs promise them: RequestFlowControl stops reading
                    // above the high mark, so a client that reads nothing costs the server this plus one reply.
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                    .childHandler(new ConnectionInitializer(debuggee, addressSpace, table, stats, options, slot,
                            listener))
                    .bind(new InetSocketAddress(host, options.port()))
                    .sync()
                    .channel();
            if (options.warmUp()) {
                WarmUp.run(debuggee, addressSpace, table, options.maxPacketSize());
            }
            LOG.debug("listening on {}", channel.localAddress());
            return new GdbStubServer(group, channel, slot, stats, debuggee);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@return the address the server listens on} */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** {@return the bound port (useful with port 0)} */
    public int port() {
        return address().getPort();
    }

    /** {@return whether a debugger is connected} */
    public boolean hasSession() {
        return slot.isTaken();
    }

    /** The current debugger's channel, or null: for tests that look at its buffers. */
    Channel sessionChannel() {
        return slot.holder();
    }

    /** {@return the counters shown by {@code monitor stats}} */
    public ServerStats stats() {
        return stats;
    }

    /**
     * Waits until the current debugger's session, if any, has ended: the guest is detached and
     * another debugger would be accepted.
     *
     * @param timeout how long to wait at most
     * @return false on timeout
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    public boolean awaitNoSession(Duration timeout) throws InterruptedException {
        return slot.awaitRelease(timeout);
    }

    /**
     * Disconnects the current debugger, if any, as though it had hung up: {@link
     * SessionListener#disconnected} is told, then breakpoints and watchpoints are cleared and a
     * stopped guest runs on, and another debugger may connect. The disconnect is logged at INFO
     * with the debugger's address. Returns at once, from any thread (a {@link SessionListener}
     * too); {@link #awaitNoSession} waits for the session to have ended.
     *
     * @return whether a debugger was connected
     */
    public boolean dropSession() {
        Channel holder = slot.holder();
        if (holder == null) {
            return false;
        }
        Eviction.evict(holder, "the application dropped its session");
        return true;
    }

    /**
     * Closes the listening socket and any connection, stops the event loop, and detaches the
     * debuggee: no thread stays parked for a debugger that can no longer come (a guest waiting at
     * entry runs on, breakpoints are cleared). The debuggee itself lives on.
     */
    @Override
    public void close() {
        Channel holder = slot.holder();
        if (holder != null) {
            holder.close().syncUninterruptibly();
        }
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        debuggee.detach();
    }
}
