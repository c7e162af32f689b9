package io.github.chicorygdbstub.hardening;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.testing.RawRspClient;
import io.github.chicorygdbstub.testing.SessionHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A fixture guest behind a real server on a free loopback port, for tests that connect, drop and
 * reconnect clients. Its stdout is captured; stdin can be supplied.
 */
final class ServedGuest implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Debuggee debuggee;
    private final GdbStubServer server;

    private ServedGuest(String fixture, boolean stopAtEntry, InputStream stdin) throws Exception {
        var wasi = WasiOptions.builder().withStdout(stdout).withStdin(stdin).build();
        debuggee = Debuggee.builder(SessionHarness.image(fixture))
                .withWasiOptions(wasi)
                .withStopAtEntry(stopAtEntry)
                .build();
        server = GdbStubServer.start(debuggee, ServerOptions.loopback());
        debuggee.start();
        if (stopAtEntry) {
            debuggee.awaitStop(WAIT);
        }
    }

    /** Stopped at entry, waiting for a debugger. */
    static ServedGuest stopped(String fixture) throws Exception {
        return new ServedGuest(fixture, true, InputStream.nullInputStream());
    }

    /** Running from the start, as with {@code --no-wait}. */
    static ServedGuest running(String fixture) throws Exception {
        return new ServedGuest(fixture, false, InputStream.nullInputStream());
    }

    static ServedGuest stoppedWithStdin(String fixture, InputStream stdin) throws Exception {
        return new ServedGuest(fixture, true, stdin);
    }

    /** A new connection that has left ack mode, as both real clients do first. */
    RawRspClient connect() throws IOException {
        var client = new RawRspClient(server.port());
        client.write("+");
        client.send("QStartNoAckMode");
        String ok = client.readPacket();
        if (!ok.equals("OK")) {
            throw new AssertionError("QStartNoAckMode answered " + ok);
        }
        return client;
    }

    /** Waits until the server has noticed that the last client left. */
    void awaitNoSession() throws InterruptedException {
        if (!server.awaitNoSession(WAIT)) {
            throw new AssertionError("the server still has a session after " + WAIT);
        }
    }

    Debuggee debuggee() {
        return debuggee;
    }

    GdbStubServer server() {
        return server;
    }

    String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        debuggee.kill(WAIT);
        debuggee.close();
    }
}
