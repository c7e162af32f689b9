package io.github.chicorygdbstub.testing;

import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A real debuggee behind a real {@link GdbStubServer}, reached through a raw socket. */
public final class TcpHarness implements DebugConnection {
    private final Debuggee debuggee;
    private final GdbStubServer server;
    private final RawRspClient client;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private TcpHarness(Debuggee.Builder builder, ServerOptions options) throws Exception {
        this.debuggee = SessionHarness.withCapturedStdout(builder, stdout).build();
        this.server = GdbStubServer.start(debuggee, options);
        debuggee.start();
        this.client = new RawRspClient(server.port());
    }

    public static TcpHarness of(Debuggee.Builder builder, ClientProfile profile) throws Exception {
        return of(builder, ServerOptions.loopback().withProfile(profile));
    }

    public static TcpHarness of(Debuggee.Builder builder, ServerOptions options) throws Exception {
        return new TcpHarness(builder, options);
    }

    @Override
    public String ask(String packet) throws Exception {
        return client.ask(packet);
    }

    @Override
    public void send(String packet) throws Exception {
        client.send(packet);
    }

    @Override
    public String next() throws Exception {
        return client.readPacket();
    }

    @Override
    public void interrupt() throws Exception {
        client.write("\u0003");
    }

    @Override
    public boolean closedByServer() throws Exception {
        return client.closedByServer();
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
    public void close() throws Exception {
        client.close();
        server.close();
        debuggee.close();
    }
}
