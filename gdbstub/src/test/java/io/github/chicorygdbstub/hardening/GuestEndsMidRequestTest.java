package io.github.chicorygdbstub.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.testing.RawRspClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guest traps, exits or is killed while a client waits or is half-way through a packet. */
@Timeout(60)
class GuestEndsMidRequestTest {
    @Test
    void trapWhileTheClientWaitsForAStop() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("trap_wat"); RawRspClient client = guest.connect()) {
            assertThat(client.ask("vCont;c:1")).startsWith("T").contains("reason:exception");
            assertThat(client.ask("vCont;c:1")).isEqualTo("X0b");
        }
    }

    @Test
    void killedByTheHostWhileTheClientWaits() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("spin_wat"); RawRspClient client = guest.connect()) {
            client.send("vCont;c:1");
            Await.until("the guest to run", () -> guest.debuggee().state() == ExecutionState.RUNNING);
            assertThat(guest.debuggee().kill(ServedGuest.WAIT)).isTrue();
            assertThat(client.readPacket()).isEqualTo("X09");
        }
    }

    @Test
    void killPacketWhileTheGuestRuns() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("spin_wat"); RawRspClient client = guest.connect()) {
            client.send("vCont;c:1");
            Await.until("the guest to run", () -> guest.debuggee().state() == ExecutionState.RUNNING);
            client.send("k");
            assertThat(client.readPacket()).isEqualTo("X09");
            assertThat(guest.debuggee().state()).isEqualTo(ExecutionState.TERMINATED);
        }
    }

    @Test
    void exitWhileAPacketIsHalfWritten() throws Exception {
        try (ServedGuest guest = ServedGuest.stopped("compute"); RawRspClient client = guest.connect()) {
            client.send("vCont;c:1");
            client.write("$qWasmCall");
            assertThat(client.readPacket()).isEqualTo("W00");
            client.write("Stack:1#" + RawRspClient.frame("qWasmCallStack:1").substring("qWasmCallStack:1".length() + 2));
            assertThat(client.readPacket()).startsWith("E");
            assertThat(client.ask("?")).isEqualTo("W00");
        }
    }
}
