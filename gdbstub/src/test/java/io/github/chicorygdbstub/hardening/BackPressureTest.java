package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.ServerProbe;
import io.github.chicorygdbstub.server.SessionListener;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that sends request after request for large replies and reads none of them. The server
 * must stop taking requests while the replies back up, so that its memory stays bounded; free the
 * session as soon as the client hangs up; disconnect it after the write timeout if it stays
 * connected; and leave a client that reads slowly alone.
 */
@Timeout(120)
class BackPressureTest {
    /** The client's socket buffers only this much of the replies. */
    private static final int RECEIVE_BUFFER = 4096;
    /** 64 KiB of the module image: 128 KiB of hex, the largest reply the default packet size allows. */
    private static final String IMAGE_READ = "m4000000000000000,10000";
    /** 20,000 of them would be 2.5 GiB of replies. */
    private static final int REQUESTS = 20_000;
    /** More answers than the socket buffers on both sides can hold, while the client reads nothing. */
    private static final int TOO_MANY_ANSWERS = 1_000;
    /** What the server may hold for the client beyond its socket: a few replies. */
    private static final long MAX_PENDING = 1 << 20;
    /** Short, so the test does not wait long; what is tested is that it ends a stuck connection and no other. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Long enough for the kernel: it lets the server write again only once the reader has emptied a
     * good part of the server's socket buffer (autotuned to a few MB here), so bytes move in steps
     * of a megabyte or so: a third of a second or more apart at {@link #SLOW_RATE}.
     */
    private static final Duration SLOW_READER_TIMEOUT = Duration.ofSeconds(2);
    /** The slow reader's bytes per second. */
    private static final int SLOW_RATE = 3_000_000;
    /** 160 replies, 21 MB: about three times what the sockets on both sides buffer, 7 s at {@link #SLOW_RATE}. */
    private static final int SLOW_READS = 160;
    /** {@code $}, 128 KiB of hex, {@code #xx}. */
    private static final int IMAGE_REPLY_FRAME = 0x20000 + 4;
    /** How soon after a hang-up another debugger must be able to connect and be answered. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    @Test
    void aClientThatStopsReadingAndHangsUpFreesTheSessionAtOnce() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("compute")) {
            GdbStubServer server = guest.server();
            long answeredBefore = server.stats().packets();
            RawRspClient client = guest.connectWithReceiveBuffer(RECEIVE_BUFFER);
            Flood flood = Flood.start(client, IMAGE_READ, REQUESTS);
            Await.until("the server to stop reading, or to answer " + TOO_MANY_ANSWERS + " requests nobody reads",
                    () -> ServerProbe.readingPaused(server) || server.stats().packets() - answeredBefore >= TOO_MANY_ANSWERS);
            long pending = ServerProbe.pendingOutputBytes(server);
            long answered = server.stats().packets() - answeredBefore;
            assertThat(answered).as("requests answered while the client read nothing").isLessThan(TOO_MANY_ANSWERS);
            assertThat(pending).as("reply bytes held for the client").isLessThan(MAX_PENDING);

            long hangUp = System.nanoTime();
            client.close();
            assertThat(server.awaitNoSession(PROMPTLY)).as("session freed within " + PROMPTLY).isTrue();
            try (RawRspClient next = guest.connect()) {
                assertThat(next.ask("?")).matches("[TW].*");
            }
            Duration freed = Duration.ofNanos(System.nanoTime() - hangUp);
            flood.join();
            Figures.record(String.format("back-pressure: a client reading nothing got %d answers (%s held beyond the"
                    + " socket) before the server stopped reading; after its hang-up the next debugger was answered in"
                    + " %d ms", answered, HeapUse.mib(pending), freed.toMillis()));
            assertThat(freed).isLessThan(PROMPTLY);
        }
    }

    @Test
    void aClientThatStopsReadingButStaysConnectedIsDisconnectedAfterTheWriteTimeout() throws Exception {
        try (LogCapture log = LogCapture.start(false);
                ServedGuest guest = ServedGuest.stopped("compute", ServerOptions.loopback().withWriteTimeout(WRITE_TIMEOUT),
                        SessionListener.NONE)) {
            GdbStubServer server = guest.server();
            RawRspClient client = guest.connectWithReceiveBuffer(RECEIVE_BUFFER);
            long floodStart = System.nanoTime(); // no reply waits for the client before this
            Flood flood = Flood.start(client, IMAGE_READ, REQUESTS);
            Await.until("the server to stop reading", () -> ServerProbe.readingPaused(server));

            assertThat(server.awaitNoSession(ServedGuest.WAIT)).as("stuck client disconnected").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - floodStart)).as("not before the timeout")
                    .isGreaterThanOrEqualTo(WRITE_TIMEOUT);
            assertThat(log.logged("disconnecting the debugger at /127.0.0.1:" + client.localPort()
                    + ": it has taken none of the")).isTrue();
            // The guest was stopped at entry: disconnecting the client let it go, as a hang-up does.
            StopEvent end = guest.debuggee().awaitTermination(ServedGuest.WAIT);
            assertThat(end.reason()).isEqualTo(StopReason.EXITED);
            try (RawRspClient next = guest.connect()) {
                assertThat(next.ask("?")).isEqualTo("W00");
            }
            client.close();
            flood.join();
        }
    }

    @Test
    void aSlowReaderIsNotCutOff() throws Exception {
        ServerOptions options = ServerOptions.loopback().withWriteTimeout(SLOW_READER_TIMEOUT);
        try (ServedGuest guest = ServedGuest.stopped("compute", options, SessionListener.NONE);
                RawRspClient client = guest.connectWithReceiveBuffer(RECEIVE_BUFFER)) {
            GdbStubServer server = guest.server();
            client.write(RawRspClient.frame(IMAGE_READ).repeat(SLOW_READS));
            byte[] replies = new byte[SLOW_READS * IMAGE_REPLY_FRAME];
            long start = System.nanoTime();
            long firstHeldBack = 0;
            long lastHeldBack = 0;
            for (int received = 0; received < replies.length; ) {
                if (ServerProbe.readingPaused(server)) {
                    lastHeldBack = System.nanoTime();
                    firstHeldBack = firstHeldBack == 0 ? lastHeldBack : firstHeldBack;
                }
                int n = client.read(replies, received);
                assertThat(n).as("connection still open after %d bytes", received).isPositive();
                received += n;
                // The pace of a slow link: no faster than SLOW_RATE. Nothing waits on this.
                long due = start + received * 1_000_000_000L / SLOW_RATE;
                LockSupport.parkNanos(due - System.nanoTime());
            }
            Duration heldBack = Duration.ofNanos(lastHeldBack - firstHeldBack);
            Figures.record(String.format("back-pressure: a reader taking %d MB/s had replies held back for %d ms,"
                    + " past a write timeout of %d ms, and was not cut off", SLOW_RATE / 1_000_000, heldBack.toMillis(),
                    SLOW_READER_TIMEOUT.toMillis()));
            assertThat(heldBack).as("replies held back for the reader (longer than the write timeout, or the sockets"
                    + " buffer more than this test assumes)").isGreaterThan(SLOW_READER_TIMEOUT);
            for (int i = 0; i < SLOW_READS; i++) {
                assertThat((char) replies[i * IMAGE_REPLY_FRAME]).isEqualTo('$');
                assertThat((char) replies[(i + 1) * IMAGE_REPLY_FRAME - 3]).isEqualTo('#');
            }
            assertThat(client.ask("qC")).isEqualTo("QC1");
            assertThat(server.hasSession()).isTrue();
        }
    }

    /** Writes requests on its own thread, reading nothing, until all are written or the socket is closed. */
    private static final class Flood {
        private static final int REQUESTS_PER_WRITE = 1_000;
        private final Thread thread;

        private Flood(Thread thread) {
            this.thread = thread;
        }

        static Flood start(RawRspClient client, String request, int count) {
            String batch = RawRspClient.frame(request).repeat(REQUESTS_PER_WRITE);
            var thread = new Thread(() -> {
                try {
                    for (int written = 0; written < count; written += REQUESTS_PER_WRITE) {
                        client.write(batch);
                    }
                } catch (IOException e) {
                    // The test hung up while this thread was blocked in a write: the flood is over.
                }
            }, "flood");
            thread.setDaemon(true);
            thread.start();
            return new Flood(thread);
        }

        void join() throws InterruptedException {
            thread.join(Await.WAIT.toMillis());
            assertThat(thread.isAlive()).as("flood thread ended").isFalse();
        }
    }
}
