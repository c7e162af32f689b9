package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.time.Duration;

/**
 * {@code D} lets the guest run on undebugged (breakpoints cleared) and closes the connection.
 * {@code k} and {@code vKill} end the guest; the JVM stays up.
 */
final class DetachAndKill {
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private DetachAndKill() {}

    static RspReply detach(PacketReader args, SessionContext session) {
        session.closeAfterReply();
        return RspReply.of("OK");
    }

    /** {@code k}: LLDB prints "exited with status = 9" on {@code X09}. */
    static RspReply kill(PacketReader args, SessionContext session) {
        killGuest(session);
        session.closeAfterReply();
        return RspReply.of("X09");
    }

    /** {@code vKill;pid}: GDB 13 tries it first. */
    static RspReply vKill(PacketReader args, SessionContext session) {
        killGuest(session);
        return RspReply.of("OK");
    }

    private static void killGuest(SessionContext session) {
        try {
            session.debuggee().kill(KILL_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
