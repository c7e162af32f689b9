package io.github.chicorygdbstub.testing;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.server.ServerOptions;
import io.github.chicorygdbstub.session.ClientProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A debugger's view of a live guest in tests: packets in, packets out. Implemented in-process
 * ({@link SessionHarness}) and over a real TCP socket ({@link TcpHarness}), so the same packet
 * tests prove both the session logic and the wire.
 */
public interface DebugConnection extends AutoCloseable {
    Duration WAIT = Duration.ofSeconds(10);

    /** Sends a packet and returns the next packet the server sends. */
    String ask(String packet) throws Exception;

    /** Sends a packet without waiting for anything. */
    void send(String packet) throws Exception;

    /** The next packet the server sends. */
    String next() throws Exception;

    /** The out-of-band interrupt byte. */
    void interrupt() throws Exception;

    /** Whether the server closed the connection. */
    boolean closedByServer() throws Exception;

    Debuggee debuggee();

    /** What the guest wrote to its stdout. */
    String stdout();

    /** Runs a monitor command ({@code qRcmd}): the text of every {@code O} packet up to the {@code OK}. */
    default String monitor(String command) throws Exception {
        var out = new StringBuilder();
        for (String packet = ask("qRcmd," + Hex.encodeText(command)); !packet.equals("OK"); packet = next()) {
            if (!packet.startsWith("O")) {
                throw new AssertionError("'" + command + "' answered " + packet + " instead of console output");
            }
            out.append(new String(HexFormat.of().parseHex(packet.substring(1)), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    @Override
    void close() throws Exception;

    /** The two ways of reaching a session. */
    enum Transport {
        IN_PROCESS,
        TCP;

        public DebugConnection connect(Debuggee.Builder guest, ClientProfile profile) throws Exception {
            return connect(guest, ServerOptions.loopback().withProfile(profile));
        }

        public DebugConnection connect(Debuggee.Builder guest, ServerOptions options) throws Exception {
            return this == IN_PROCESS ? SessionHarness.of(guest, options) : TcpHarness.of(guest, options);
        }

        /** A guest stopped at entry. */
        public DebugConnection stoppedAtEntry(String fixture, ClientProfile profile) throws Exception {
            return stoppedAtEntry(fixture, ServerOptions.loopback().withProfile(profile));
        }

        /** A guest stopped at entry, its session set up with {@code options}. */
        public DebugConnection stoppedAtEntry(String fixture, ServerOptions options) throws Exception {
            DebugConnection connection = connect(Debuggee.builder(SessionHarness.image(fixture)), options);
            connection.debuggee().awaitStop(WAIT);
            return connection;
        }
    }
}
