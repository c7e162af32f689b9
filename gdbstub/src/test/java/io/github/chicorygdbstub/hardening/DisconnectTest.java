package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that vanishes at any stage: the guest runs on to its normal end with breakpoints
 * cleared, and another client can connect afterwards.
 */
@Timeout(120)
class DisconnectTest {
    /** compute.c's output starts so; the rest is a checksum of its buffer. */
    private static final String OUTPUT = "fib(25)=75025 churn=";

    @Test
    void midPacket() throws Exception {
        disconnectAfter((client, guest) -> client.write("$m4000000000000000,1"));
    }

    @Test
    void whileTheGuestRuns() throws Exception {
        disconnectAfter((client, guest) -> client.send("vCont;c:1"));
    }

    @Test
    void whileStoppedAtABreakpoint() throws Exception {
        // fib runs 242,785 times more: had the breakpoint stayed, the guest would stop at once.
        disconnectAfter(DisconnectTest::stopInFib);
    }

    @Test
    void whileStepping() throws Exception {
        disconnectAfter((client, guest) -> {
            stopInFib(client, guest);
            client.send("vCont;s:1");
        });
    }

    /** What a client does before it vanishes. */
    @FunctionalInterface
    private interface LastWords {
        void say(RawRspClient client, ServedGuest guest) throws Exception;
    }

    private static void disconnectAfter(LastWords lastWords) throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("compute")) {
            RawRspClient client = guest.connect();
            lastWords.say(client, guest);
            client.close();
            assertFinishesNormallyAndAcceptsANewClient(guest);
        }
    }

    private static void stopInFib(RawRspClient client, ServedGuest guest) throws Exception {
        assertThat(client.ask("Z0," + guest.entryOf("fib") + ",0")).isEqualTo("OK");
        assertThat(client.ask("vCont;c:1")).startsWith("T05").contains("reason:breakpoint");
    }

    private static void assertFinishesNormallyAndAcceptsANewClient(ServedGuest guest) throws Exception {
        StopEvent end = guest.debuggee().awaitTermination(ServedGuest.WAIT);
        assertThat(end.reason()).isEqualTo(StopReason.EXITED);
        assertThat(end.exitCode()).isZero();
        assertThat(guest.stdout()).startsWith(OUTPUT);
        assertThat(guest.debuggee().breakpoints()).isEmpty();
        guest.awaitNoSession();
        try (RawRspClient next = guest.connect()) {
            assertThat(next.ask("?")).isEqualTo("W00");
        }
    }
}
