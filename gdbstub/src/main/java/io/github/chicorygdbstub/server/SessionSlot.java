package io.github.chicorygdbstub.server;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;

/** At most one debugger per debuggee: the channel holding the slot, if any. */
final class SessionSlot {
    private final AtomicReference<Channel> holder = new AtomicReference<>();

    boolean claim(Channel channel) {
        return holder.compareAndSet(null, channel);
    }

    void release(Channel channel) {
        holder.compareAndSet(channel, null);
    }

    boolean isTaken() {
        return holder.get() != null;
    }

    Channel holder() {
        return holder.get();
    }
}
