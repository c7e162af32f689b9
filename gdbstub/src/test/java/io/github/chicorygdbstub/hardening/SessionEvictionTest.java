package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
import io.github.chicorygdbstub.testing.RawRspClient;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server ends a session on its own: after the idle timeout, or when the application drops it.
 * Either way the session ends as a hang-up does: the listener hears of it, breakpoints go and the
 * guest runs on, so no application thread stays parked; and another debugger may connect.
 */
@Timeout(120)
class SessionEvictionTest {
    /** Short, so the test does not wait long. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(500);

    @Test
    void aDebuggerSilentAtABreakpointIsDisconnectedAndTheGuestRunsOn() throws Exception {
        var disconnects = new LinkedBlockingQueue<SocketAddress>();
        try (LogCapture log = LogCapture.start(false);
                ServedGuest guest = ServedGuest.stopped("compute", ServerOptions.loopback().withIdleTimeout(IDLE_TIMEOUT),
                        listener(disconnects));
                RawRspClient client = guest.connect()) {
            assertThat(client.ask("Z0," + guest.entryOf("fib") + ",0")).isEqualTo("OK");
            long resumedAt = System.nanoTime(); // the clock starts at the stop, after the packet that resumes
            assertThat(client.ask("vCont;c:1")).startsWith("T05").contains("reason:breakpoint");

            assertThat(guest.server().awaitNoSession(ServedGuest.WAIT)).as("idle debugger disconnected").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - resumedAt)).as("not before the timeout")
                    .isGreaterThanOrEqualTo(IDLE_TIMEOUT);
            assertThat(client.closedByServer()).isTrue();
            assertThat(disconnects.poll(10, TimeUnit.SECONDS)).as("listener told").isNotNull();
            assertThat(log.logged("disconnecting the debugger at /127.0.0.1:" + client.localPort()
                    + ": it sent nothing for 0.5 s while the guest was stopped")).isTrue();
            assertRanOnWithoutBreakpointsAndAcceptsANewClient(guest);
        }
    }

    @Test
    void theIdleClockStandsStillWhileTheGuestRuns() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("spin_wat", ServerOptions.loopback().withIdleTimeout(IDLE_TIMEOUT),
                SessionListener.NONE); RawRspClient client = guest.connect()) {
            client.send("vCont;c:1");
            Await.until("the guest to run", () -> guest.debuggee().state() == ExecutionState.RUNNING);
            // What is tested is that nothing happens meanwhile: the debugger waits for a stop, as it should.
            LockSupport.parkNanos(IDLE_TIMEOUT.multipliedBy(3).toNanos());
            assertThat(guest.server().hasSession()).isTrue();
            long interruptedAt = System.nanoTime(); // the guest stops after this
            client.write("\u0003");
            assertThat(client.readPacket()).startsWith("T02");

            // Stopped now, and silent: the clock runs from the stop.
            assertThat(guest.server().awaitNoSession(ServedGuest.WAIT)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
            Await.until("the guest to run on", () -> guest.debuggee().state() == ExecutionState.RUNNING);
        }
    }

    @Test
    void droppingTheSessionEndsItAsAHangUpDoes() throws Exception {
        var disconnects = new LinkedBlockingQueue<SocketAddress>();
        try (LogCapture log = LogCapture.start(false);
                ServedGuest guest = ServedGuest.stopped("compute", ServerOptions.loopback(), listener(disconnects));
                RawRspClient client = guest.connect()) {
            assertThat(guest.server().dropSession()).as("a session to drop").isTrue();
            assertThat(client.closedByServer()).isTrue();
            assertThat(disconnects.poll(10, TimeUnit.SECONDS)).as("listener told").isNotNull();
            assertThat(guest.server().awaitNoSession(ServedGuest.WAIT)).isTrue();
            assertThat(log.logged("disconnecting the debugger at /127.0.0.1:" + client.localPort()
                    + ": the application dropped its session")).isTrue();
            assertThat(guest.server().dropSession()).as("no session left to drop").isFalse();
        }
    }

    @Test
    void droppingASessionStoppedAtABreakpointLetsTheGuestRunOn() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("compute"); RawRspClient client = guest.connect()) {
            assertThat(client.ask("Z0," + guest.entryOf("fib") + ",0")).isEqualTo("OK");
            assertThat(client.ask("vCont;c:1")).startsWith("T05").contains("reason:breakpoint");

            assertThat(guest.server().dropSession()).isTrue();
            assertThat(guest.server().awaitNoSession(ServedGuest.WAIT)).isTrue();
            assertRanOnWithoutBreakpointsAndAcceptsANewClient(guest);
        }
    }

    private static SessionListener listener(LinkedBlockingQueue<SocketAddress> disconnects) {
        return new SessionListener() {
            @Override
            public void disconnected(SocketAddress client) {
                disconnects.add(client);
            }
        };
    }

    /** compute.c's fib would be hit 242,785 times more: had the breakpoint stayed, the guest would stop at once. */
    private static void assertRanOnWithoutBreakpointsAndAcceptsANewClient(ServedGuest guest) throws Exception {
        StopEvent end = guest.debuggee().awaitTermination(ServedGuest.WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.EXITED);
        assertThat(end.exitCode()).isZero();
        assertThat(guest.debuggee().breakpoints()).isEmpty();
        try (RawRspClient next = guest.connect()) {
            assertThat(next.ask("?")).isEqualTo("W00");
        }
    }
}
