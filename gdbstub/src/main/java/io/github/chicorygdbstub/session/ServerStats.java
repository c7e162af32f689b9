package io.github.chicorygdbstub.session;

import java.util.concurrent.atomic.LongAdder;

/** Counters shown by {@code monitor stats}; shared by all sessions of a server. */
public final class ServerStats {
    private final LongAdder packets = new LongAdder();
    private final LongAdder moduleBytesRead = new LongAdder();
    private final LongAdder memoryBytesRead = new LongAdder();
    private final LongAdder memoryBytesWritten = new LongAdder();
    private final LongAdder sessions = new LongAdder();

    public void packetServed() {
        packets.increment();
    }

    public void moduleBytesRead(int count) {
        moduleBytesRead.add(count);
    }

    public void memoryBytesRead(int count) {
        memoryBytesRead.add(count);
    }

    public void memoryBytesWritten(int count) {
        memoryBytesWritten.add(count);
    }

    public void sessionStarted() {
        sessions.increment();
    }

    public long packets() {
        return packets.sum();
    }

    public long moduleBytesRead() {
        return moduleBytesRead.sum();
    }

    public long memoryBytesRead() {
        return memoryBytesRead.sum();
    }

    public long memoryBytesWritten() {
        return memoryBytesWritten.sum();
    }

    public long sessions() {
        return sessions.sum();
    }
}
