package dev.chicory.gdbstub.bench;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.chicory.gdbstub.fixtures.Fixtures;
import dev.chicory.gdbstub.runtime.control.Debuggee;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import dev.chicory.gdbstub.server.GdbStubServer;
import dev.chicory.gdbstub.server.ServerOptions;
import dev.chicory.gdbstub.session.ClientProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/** A fixture guest stopped at entry behind an in-process server on a free loopback port. */
record ServedGuest(Debuggee debuggee, GdbStubServer server) implements AutoCloseable {
    static ServedGuest start(String fixture, ClientProfile profile) throws Exception {
        Debuggee debuggee = Debuggee.builder(ModuleImage.load(Fixtures.wasm(fixture)))
                .withWasiOptions(quiet())
                .withStopAtEntry(true)
                .build();
        GdbStubServer server = GdbStubServer.start(debuggee, ServerOptions.loopback().withPort(0).withProfile(profile));
        debuggee.start();
        debuggee.awaitStop(Duration.ofSeconds(30));
        return new ServedGuest(debuggee, server);
    }

    /** The guest's output goes nowhere: printing is not what is measured. */
    static WasiOptions quiet() {
        return WasiOptions.builder().withStdout(OutputStream.nullOutputStream())
                .withStderr(OutputStream.nullOutputStream()).build();
    }

    BenchClient connect() throws IOException {
        BenchClient client = new BenchClient(server.port());
        client.noAck();
        return client;
    }

    @Override
    public void close() throws Exception {
        server.close();
        debuggee.kill(Duration.ofSeconds(10));
        debuggee.close();
    }
}
