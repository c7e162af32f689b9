package io.github.chicorygdbstub.server;

import java.net.SocketAddress;

/**
 * Told when a debugger connects to a {@link GdbStubServer} and when its connection ends (detach,
 * kill, or the client going away). Called on the server's event loop: implementations must return
 * quickly and hand any blocking work (such as killing the guest) to another thread.
 */
public interface SessionListener {
    /** A listener that ignores everything. */
    SessionListener NONE = new SessionListener() {};

    /**
     * A debugger connected and its session began.
     *
     * @param client the debugger's address
     */
    default void connected(SocketAddress client) {}

    /**
     * The debugger's connection closed. Called before the session detaches (which lets a stopped
     * guest run on), so a kill requested here ({@code Debuggee.kill(Duration.ZERO)}) is the next
     * thing the guest sees.
     *
     * @param client the debugger's address
     */
    default void disconnected(SocketAddress client) {}
}
