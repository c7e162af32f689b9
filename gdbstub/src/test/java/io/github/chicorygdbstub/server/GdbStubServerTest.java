package io.github.chicorygdbstub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.testing.RawRspClient;
import io.github.chicorygdbstub.testing.SessionHarness;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Netty server over real TCP: framing, acks, interrupts, one session at a time. */
@Timeout(60)
class GdbStubServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private Debuggee debuggee;
    private GdbStubServer server;

    private int serve(String fixture, boolean stopAtEntry) throws Exception {
        debuggee = Debuggee.builder(SessionHarness.image(fixture)).withStopAtEntry(stopAtEntry)
                .withWasiOptions(WasiOptions.builder().withStdout(stdout).build()).build();
        server = GdbStubServer.start(debuggee, ServerOptions.loopback());
        debuggee.start();
        if (stopAtEntry) {
            debuggee.awaitStop(WAIT);
        }
        return server.port();
    }

    @AfterEach
    void shutDown() throws Exception {
        if (server != null) {
            server.close();
        }
        if (debuggee != null) {
            debuggee.close();
        }
    }

    @Test
    void closingTheServerReleasesAGuestWaitingAtEntryForADebugger() throws Exception {
        serve("loop_wat", true);
        server.close();
        server = null;
        assertThat(debuggee.awaitTermination(WAIT).reason()).isEqualTo(StopReason.EXITED);
        assertThat(stdout.toString()).isEqualTo("Hello, debugger!\n");
    }

    @Test
    void lldbHandshakeWithAcksThenWithout() throws Exception {
        try (var client = new RawRspClient(serve("loop_wat", true))) {
            client.write("+");
            client.send("QStartNoAckMode");
            assertThat((char) client.readByte()).isEqualTo('+');
            assertThat(client.readPacket()).isEqualTo("OK");
            client.write("+"); // LLDB acknowledges the OK; must be swallowed
            assertThat(client.ask("qC")).isEqualTo("QC1");
            assertThat(client.ask("?")).startsWith("T05thread:1;");
        }
    }

    @Test
    void ackModeNaksBadChecksumsAndResendsOnNak() throws Exception {
        try (var client = new RawRspClient(serve("loop_wat", true))) {
            client.write("$qC#00");
            assertThat((char) client.readByte()).isEqualTo('-');
            client.send("qC");
            assertThat((char) client.readByte()).isEqualTo('+');
            assertThat(client.readPacket()).isEqualTo("QC1");
            client.write("-");
            assertThat(client.readPacket()).isEqualTo("QC1");
            // A packet split into single bytes is still one packet.
            for (char c : RawRspClient.frame("qAttached").toCharArray()) {
                client.write(String.valueOf(c));
            }
            assertThat((char) client.readByte()).isEqualTo('+');
            assertThat(client.readPacket()).isEqualTo("1");
        }
    }

    @Test
    void interruptByteStopsTheRunningGuest() throws Exception {
        try (var client = new RawRspClient(serve("spin_wat", true))) {
            client.send("QStartNoAckMode");
            client.readPacket();
            client.send("c");
            client.write("\u0003");
            assertThat(client.readPacket()).startsWith("T02thread:1;");
            assertThat(client.ask("qWasmCallStack:1")).hasSize(16);
            client.send("k");
            assertThat(client.readPacket()).isEqualTo("X09");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(debuggee.lastEvent().reason()).isEqualTo(StopReason.KILLED);
    }

    @Test
    void aSecondDebuggerIsToldAndRefusedWithoutDisturbingTheFirst() throws Exception {
        int port = serve("loop_wat", true);
        try (var first = new RawRspClient(port)) {
            first.send("QStartNoAckMode");
            first.readPacket();
            assertThat(first.ask("qC")).isEqualTo("QC1");
            try (var second = new RawRspClient(port)) {
                String notice = second.readPacket();
                assertThat(notice).startsWith("O");
                assertThat(new String(java.util.HexFormat.of().parseHex(notice.substring(1))))
                        .contains("another debugger is already attached");
                assertThat(second.readPacket()).isEqualTo("E10");
                assertThat(second.closedByServer()).isTrue();
            }
            assertThat(first.ask("qAttached")).isEqualTo("1");
            first.send("c");
            assertThat(first.readPacket()).isEqualTo("W00");
        }
        assertThat(stdout.toString()).isEqualTo("Hello, debugger!\n");
    }

    @Test
    void oversizedPacketsAreRefusedAndTheSessionGoesOn() throws Exception {
        try (var client = new RawRspClient(serve("loop_wat", true))) {
            client.send("QStartNoAckMode");
            client.readPacket();
            client.send("M10," + Integer.toHexString(0x20000) + ":" + "00".repeat(0x20000));
            assertThat(client.readPacket()).startsWith("E01");
            assertThat(client.ask("qC")).isEqualTo("QC1");
            String big = client.ask("m4000000000000000,100000");
            assertThat(big.length()).isLessThanOrEqualTo(0x20000);
        }
    }

    @Test
    void disconnectLetsTheGuestRunOnAndAnotherDebuggerAttach() throws Exception {
        int port = serve("spin_wat", false);
        for (int i = 0; i < 3; i++) {
            try (var client = new RawRspClient(port)) {
                client.send("QStartNoAckMode");
                client.readPacket();
                assertThat(client.ask("?")).startsWith("T05thread:1;"); // attaching stopped the guest
                assertThat(client.ask("qWasmLocal:0;0")).hasSize(8);
            }
            assertThat(awaitRunning()).isTrue();
        }
    }

    private boolean awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (debuggee.state() == io.github.chicorygdbstub.runtime.control.ExecutionState.RUNNING && !server.hasSession()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void refusesNonLoopbackAddressesUnlessAllowed() throws Exception {
        debuggee = Debuggee.builder(SessionHarness.image("loop_wat")).build();
        String external = InetAddress.getByName("0.0.0.0").getHostAddress();
        assertThatThrownBy(() -> GdbStubServer.start(debuggee, ServerOptions.loopback().withHost(external)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no authentication");
        assertThat(ServerOptions.loopback().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aSessionListenerHearsEachDebuggerComeAndGo() throws Exception {
        debuggee = Debuggee.builder(SessionHarness.image("loop_wat"))
                .withWasiOptions(WasiOptions.builder().withStdout(stdout).build()).build();
        var events = new java.util.concurrent.LinkedBlockingQueue<String>();
        server = GdbStubServer.start(debuggee, ServerOptions.loopback(), new SessionListener() {
            @Override
            public void connected(java.net.SocketAddress client) {
                events.add("connected");
            }

            @Override
            public void disconnected(java.net.SocketAddress client) {
                events.add("disconnected");
            }
        });
        debuggee.start();
        for (int round = 0; round < 2; round++) {
            try (var client = new RawRspClient(server.port())) {
                assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("connected");
                client.write("+");
                assertThat(client.ask("qC")).isNotEmpty();
            }
            assertThat(events.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("disconnected");
        }
        assertThat(events).isEmpty();
    }
}
