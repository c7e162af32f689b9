package io.github.chicorygdbstub.session;

import java.util.concurrent.atomic.LongAdder;

/** Counters shown by {@code monitor stats}; shared by all sessions of a server. */
public final class ServerStats {
    private final LongAdder packets = new LongAdder();
    private final LongAdder moduleBytesRead = new LongAdder();
    private final LongAdder memoryBytesRead = new LongAdder();
    private final LongAdder memoryBytesWritten = new LongAdder();
    private final LongAdder sessions = new LongAdder();

    /** Counters at zero, for one server. */
    public ServerStats() {}

    /** Counts a packet answered. */
    public void packetServed() {
        packets.increment();
    }

    /**
     * Counts module image bytes sent to a client.
     *
     * @param count how many bytes
     */
    public void moduleBytesRead(int count) {
        moduleBytesRead.add(count);
    }

    /**
     * Counts linear memory bytes sent to a client.
     *
     * @param count how many bytes
     */
    public void memoryBytesRead(int count) {
        memoryBytesRead.add(count);
    }

    /**
     * Counts linear memory bytes a client wrote.
     *
     * @param count how many bytes
     */
    public void memoryBytesWritten(int count) {
        memoryBytesWritten.add(count);
    }

    /** Counts a debugger connection. */
    public void sessionStarted() {
        sessions.increment();
    }

    /** {@return the number of packets answered} */
    public long packets() {
        return packets.sum();
    }

    /** {@return the number of module image bytes sent to clients} */
    public long moduleBytesRead() {
        return moduleBytesRead.sum();
    }

    /** {@return the number of linear memory bytes sent to clients} */
    public long memoryBytesRead() {
        return memoryBytesRead.sum();
    }

    /** {@return the number of linear memory bytes clients wrote} */
    public long memoryBytesWritten() {
        return memoryBytesWritten.sum();
    }

    /** {@return the number of debugger connections so far} */
    public long sessions() {
        return sessions.sum();
    }
}
