package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/**
 * The guest is one thread, id 1. Ids 0 (any) and -1 (all) are accepted wherever a thread id
 * may appear. Small ids matter: GDB 13 truncates thread ids to 32 bits.
 */
final class Threads {
    static final long GUEST_THREAD = 1;

    private Threads() {}

    static boolean isGuestThread(long id) {
        return id == GUEST_THREAD || id == 0 || id == -1;
    }

    static RspReply currentThread(PacketReader args, SessionContext session) {
        return RspReply.of("QC1");
    }

    static RspReply firstThreadInfo(PacketReader args, SessionContext session) {
        return session.debuggee().state() == ExecutionState.TERMINATED ? RspReply.of("l") : RspReply.of("m1");
    }

    static RspReply nextThreadInfo(PacketReader args, SessionContext session) {
        return RspReply.of("l");
    }

    static RspReply setThread(PacketReader args, SessionContext session) {
        return isGuestThread(args.threadId()) ? RspReply.of("OK") : session.error(2, "no such thread");
    }

    /** {@code T<tid>}: GDB reports the thread dead on anything but OK. */
    static RspReply threadAlive(PacketReader args, SessionContext session) {
        boolean alive = session.debuggee().state() != ExecutionState.TERMINATED;
        return isGuestThread(args.threadId()) && alive ? RspReply.of("OK") : session.error(2, "no such thread");
    }

    static RspReply threadStopInfo(PacketReader args, SessionContext session) {
        if (!isGuestThread(args.hex())) {
            return session.error(2, "no such thread");
        }
        String reply = session.lastStopReply();
        return reply == null ? session.error(5, "the guest has not stopped yet") : RspReply.of(reply);
    }

    static RspReply attached(PacketReader args, SessionContext session) {
        return RspReply.of("1");
    }

    static RspReply extraInfo(PacketReader args, SessionContext session) {
        return RspReply.of(Hex.encodeText("wasm guest"));
    }
}
