package io.github.chicorygdbstub.hardening;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.server.SessionListener;
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
        this(fixture, stopAtEntry, stdin, ServerOptions.loopback(), SessionListener.NONE);
    }

    private ServedGuest(String fixture, boolean stopAtEntry, InputStream stdin, ServerOptions options,
            SessionListener listener) throws Exception {
        var wasi = WasiOptions.builder().withStdout(stdout).withStdin(stdin).build();
        debuggee = Debuggee.builder(SessionHarness.image(fixture))
                .withWasiOptions(wasi)
                .withStopAtEntry(stopAtEntry)
                .build();
        server = GdbStubServer.start(debuggee, options, listener);
        debuggee.start();
        if (stopAtEntry) {
            debuggee.awaitStop(WAIT);
        }
    }

    /** Stopped at entry, waiting for a debugger. */
    static ServedGuest stopped(String fixture) throws Exception {
        return new ServedGuest(fixture, true, InputStream.nullInputStream());
    }

    /** Stopped at entry, behind a server with these options that tells {@code listener} about sessions. */
    static ServedGuest stopped(String fixture, ServerOptions options, SessionListener listener) throws Exception {
        return new ServedGuest(fixture, true, InputStream.nullInputStream(), options, listener);
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
        return handshake(new RawRspClient(server.port()));
    }

    /** Like {@link #connect()}, with a socket that buffers only about {@code bytes} of replies. */
    RawRspClient connectWithReceiveBuffer(int bytes) throws IOException {
        return handshake(RawRspClient.withReceiveBuffer(server.port(), bytes));
    }

    private static RawRspClient handshake(RawRspClient client) throws IOException {
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

    /** The address of the first instruction of the main module's function {@code name}, in hex, as breakpoints take it. */
    String entryOf(String name) {
        FunctionRange function = debuggee.module(0).functions().stream()
                .filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        return Long.toHexString(WasmAddress.object(0, function.firstInstruction()));
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
