package io.github.chicorygdbstub.bench;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
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
