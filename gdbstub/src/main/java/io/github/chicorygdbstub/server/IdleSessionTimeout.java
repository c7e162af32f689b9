package io.github.chicorygdbstub.server;

import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Closes the connection of a debugger that has sent nothing for the idle timeout while the guest
 * was stopped, so that a debugger somebody walked away from does not keep the guest parked: the
 * session ends as on a disconnect, and the guest runs on.
 *
 * <p>The clock runs only while the guest is stopped, from the later of the stop and the last
 * packet. While the guest runs, the debugger waiting in silence for a stop is doing its job, and
 * the application's threads are not held. Nothing is scheduled while the guest runs.
 *
 * <p>Confined to the event loop; the guest thread only hands its stops over.
 */
final class IdleSessionTimeout extends ChannelInboundHandlerAdapter {
    private final Debuggee debuggee;
    private final Duration timeout;
    private ChannelHandlerContext context;
    private Consumer<StopEvent> stopListener;
    /** When the debugger last sent something or the guest last stopped, by {@link System#nanoTime()}. */
    private long quietSince;
    private ScheduledFuture<?> check;

    IdleSessionTimeout(Debuggee debuggee, Duration timeout) {
        this.debuggee = debuggee;
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = ctx;
        // The stop listener runs on the guest thread, which must not wait: it only queues the stop here.
        stopListener = event -> ctx.executor().execute(this::guestStopped);
        debuggee.addStopListener(stopListener);
        quietSince = System.nanoTime();
        schedule(timeout.toNanos()); // the guest may be stopped already, at entry or by an earlier debugger
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        quietSince = System.nanoTime();
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void guestStopped() {
        quietSince = System.nanoTime();
        if (check == null && context.channel().isActive()) {
            schedule(timeout.toNanos());
        }
    }

    private void schedule(long delayNanos) {
        check = context.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        check = null;
        if (!context.channel().isActive() || debuggee.state() != ExecutionState.STOPPED) {
            return; // the next stop starts the clock again
        }
        long left = quietSince + timeout.toNanos() - System.nanoTime();
        if (left > 0) {
            schedule(left);
        } else {
            Eviction.evict(context.channel(), "it sent nothing for " + Eviction.seconds(timeout)
                    + " s while the guest was stopped");
        }
    }

    private void stop() {
        if (stopListener != null) {
            debuggee.removeStopListener(stopListener);
            stopListener = null;
        }
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
