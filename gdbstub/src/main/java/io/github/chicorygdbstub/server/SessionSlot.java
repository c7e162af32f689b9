package io.github.chicorygdbstub.server;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most one debugger per debuggee: the channel holding the slot, if any. The slot is let go when
 * the session has ended (the guest detached), which is later than the channel's close: waiting for
 * the release, not the close, is what tells that another debugger will be accepted.
 */
final class SessionSlot {
    /** A holder and what completes once it let go. */
    private record Claim(Channel channel, CompletableFuture<Void> released) {}

    private final AtomicReference<Claim> holder = new AtomicReference<>();

    boolean claim(Channel channel) {
        return holder.compareAndSet(null, new Claim(channel, new CompletableFuture<>()));
    }

    void release(Channel channel) {
        Claim claim = holder.get();
        if (claim != null && claim.channel() == channel && holder.compareAndSet(claim, null)) {
            claim.released().complete(null);
        }
    }

    boolean isTaken() {
        return holder.get() != null;
    }

    Channel holder() {
        Claim claim = holder.get();
        return claim == null ? null : claim.channel();
    }

    /** Waits until the current holder, if any, lets go; false on timeout. */
    boolean awaitRelease(Duration timeout) throws InterruptedException {
        Claim claim = holder.get();
        if (claim == null) {
            return true;
        }
        try {
            claim.released().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the release is never completed exceptionally", e);
        }
    }
}
