package io.github.chicorygdbstub.testing;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketSink;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link PacketSink} that records reply payloads as text, for transport-free session tests. */
public final class RecordingSink implements PacketSink {
    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private volatile boolean acksDisabled;
    private volatile boolean closed;

    @Override
    public void send(RspReply reply) {
        try {
            sent.add(reply.text());
        } finally {
            reply.release();
        }
    }

    @Override
    public void disableAcks() {
        acksDisabled = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    /** The next packet sent, waiting up to {@code timeout}; fails if none comes. */
    public String next(Duration timeout) throws InterruptedException {
        String packet = sent.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (packet == null) {
            throw new AssertionError("no packet sent within " + timeout);
        }
        return packet;
    }

    /** Whether nothing more has been sent. */
    public boolean isEmpty() {
        return sent.isEmpty();
    }

    public boolean acksDisabled() {
        return acksDisabled;
    }

    public boolean closed() {
        return closed;
    }
}
