package io.github.chicorygdbstub.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connection of a client that has stopped taking replies: bytes wait for its socket
 * and not one of them has gone out for the write timeout.
 *
 * <p>While replies back up the server reads no requests ({@link RequestFlowControl}), so a client
 * that stops reading but keeps its socket open (a hung debugger, a tunnel whose far end is gone)
 * would otherwise hold the session, and a stopped guest, for good. The clock measures progress,
 * not the size of the backlog: a slow link that takes a byte now and then is never cut off.
 * Nothing is scheduled while the socket takes everything at once, which is the normal case.
 *
 * <p>Sits next to the socket, so every encoded byte passes it. Confined to the event loop.
 */
final class StalledWriteTimeout extends ChannelDuplexHandler {
    private final Duration timeout;
    /** Bytes written to this channel so far; less what still waits, it is what went out. */
    private long bytesWritten;
    /** What had gone out when the pending check was scheduled. */
    private long bytesSentAtSchedule;
    private ScheduledFuture<?> check;

    StalledWriteTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof ByteBuf buffer) {
            bytesWritten += buffer.readableBytes();
        }
        ctx.write(message, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
        if (check == null) {
            long waiting = bytesWaiting(ctx);
            if (waiting > 0) {
                schedule(ctx, bytesWritten - waiting);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void schedule(ChannelHandlerContext ctx, long bytesSent) {
        bytesSentAtSchedule = bytesSent;
        check = ctx.executor().schedule(() -> check(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        check = null;
        long waiting = bytesWaiting(ctx);
        if (waiting == 0 || !ctx.channel().isActive()) {
            return;
        }
        long bytesSent = bytesWritten - waiting;
        if (bytesSent != bytesSentAtSchedule) {
            schedule(ctx, bytesSent);
            return;
        }
        Eviction.evict(ctx.channel(), String.format("it has taken none of the %d bytes waiting for it in %s s",
                waiting, Eviction.seconds(timeout)));
    }

    /** The bytes the socket has not taken yet; a partly written buffer counts what is left of it. */
    private static long bytesWaiting(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer == null || buffer.isEmpty()) {
            return 0;
        }
        long[] waiting = {0};
        try {
            buffer.forEachFlushedMessage(message -> {
                if (message instanceof ByteBuf bytes) {
                    waiting[0] += bytes.readableBytes();
                }
                return true;
            });
        } catch (Exception e) {
            throw new IllegalStateException("counting bytes cannot fail", e);
        }
        return waiting[0];
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
