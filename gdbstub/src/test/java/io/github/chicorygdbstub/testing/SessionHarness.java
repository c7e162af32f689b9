package io.github.chicorygdbstub.testing;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.address.AddressSpace;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.packets.StandardPackets;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.ServerStats;
import io.github.chicorygdbstub.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A real debuggee behind a real {@link Session}, without a socket: packets go in as text and
 * replies come out of a {@link RecordingSink}.
 */
public final class SessionHarness implements DebugConnection {
    private final Debuggee debuggee;
    private final RecordingSink sink = new RecordingSink();
    private final Session session;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private SessionHarness(Debuggee.Builder builder, ServerOptions options) {
        this.debuggee = withCapturedStdout(builder, stdout).build();
        this.session = new Session(debuggee, new AddressSpace(debuggee), StandardPackets.table(), new ServerStats(),
                sink, options.maxPacketSize(), options.profile(), options.sourceDirectories());
        session.start();
        debuggee.start();
    }

    /** A guest stopped at entry, with the profile fixed (or null to detect it). */
    public static SessionHarness stoppedAtEntry(String fixture, ClientProfile profile) throws Exception {
        var harness = new SessionHarness(Debuggee.builder(image(fixture)), ServerOptions.loopback().withProfile(profile));
        harness.debuggee.awaitStop(WAIT);
        return harness;
    }

    /** A harness over a custom debuggee description (libraries, no entry stop, ...). */
    public static SessionHarness of(Debuggee.Builder builder, ClientProfile profile) {
        return of(builder, ServerOptions.loopback().withProfile(profile));
    }

    /** A harness whose session is set up as a server with these options sets up its sessions. */
    public static SessionHarness of(Debuggee.Builder builder, ServerOptions options) {
        return new SessionHarness(builder, options);
    }

    public static ModuleImage image(String fixture) {
        try {
            return ModuleImage.load(Fixtures.wasm(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Debuggee.Builder withCapturedStdout(Debuggee.Builder builder, ByteArrayOutputStream stdout) {
        return builder.withWasiOptions(WasiOptions.builder().withStdout(stdout).build());
    }

    @Override
    public String ask(String packet) throws InterruptedException {
        send(packet);
        return next();
    }

    @Override
    public void send(String packet) {
        session.handle(packet.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String next() throws InterruptedException {
        return sink.next(WAIT);
    }

    @Override
    public void interrupt() {
        session.interrupt();
    }

    @Override
    public boolean closedByServer() {
        return sink.closed();
    }

    public Session session() {
        return session;
    }

    public RecordingSink sink() {
        return sink;
    }

    @Override
    public Debuggee debuggee() {
        return debuggee;
    }

    @Override
    public String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        session.end();
        debuggee.close();
    }
}
