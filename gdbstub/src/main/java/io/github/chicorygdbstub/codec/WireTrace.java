package io.github.chicorygdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the bytes of a connection as they cross the socket, at DEBUG on the logger {@value #LOGGER}:
 * {@code <- $m4000000000000000,400#8b} for what the debugger sent, {@code -> +} and
 * {@code -> $...#xx} for what the server wrote, framing, acks, escapes and interrupts included.
 * Tracing the wire rather than the decoded packets shows what the client really put on it (a
 * wrong checksum, a NAK, a {@code 0x03}), which is what one looks for when a session misbehaves.
 * Long frames are cut after their first bytes.
 *
 * <p>Put first in the pipeline, and only when the logger is enabled, so that an untraced server
 * does not pay a handler per read and write.
 */
@ChannelHandler.Sharable
public final class WireTrace extends ChannelDuplexHandler {
    /** The logger's name: the packet trace the CLI's {@code -v} switches on. */
    public static final String LOGGER = "io.github.chicorygdbstub.trace";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** A trace handler; it keeps no state, so one may serve every channel. */
    public WireTrace() {}

    /**
     * Whether the trace logger is on, so that a pipeline should carry this handler.
     *
     * @return true when packets should be traced
     */
    public static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf bytes && LOG.isDebugEnabled()) {
            LOG.debug("<- {}", PrintableBytes.of(bytes));
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof ByteBuf bytes && LOG.isDebugEnabled()) {
            LOG.debug("-> {}", PrintableBytes.of(bytes));
        }
        ctx.write(message, promise);
    }
}
