package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.ExecutionState;
import io.github.chicorygdbstub.runtime.control.GuestThreadInfo;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import io.github.chicorygdbstub.session.StopReplies;
import java.util.ArrayList;
import java.util.List;

/**
 * Threads: each Java thread inside Wasm at a stop is one, numbered 1, 2, ... by the runtime in the
 * order Java threads first entered Wasm (a command's guest thread is 1). Ids 0 (any) and -1 (all)
 * are accepted wherever a thread id may appear. Small ids matter: GDB 13 truncates thread ids to
 * 32 bits.
 */
final class Threads {
    private Threads() {}

    /** The threads of the current stop, the one that stopped first; the last stop's thread while running. */
    static List<Long> ids(SessionContext session) {
        var ids = new ArrayList<Long>();
        session.debuggee().threads().forEach(thread -> ids.add(thread.id()));
        StopEvent last = session.debuggee().lastEvent();
        if (ids.isEmpty() && session.debuggee().state() != ExecutionState.TERMINATED) {
            ids.add(last == null ? 1 : StopReplies.threadIdOf(last));
        }
        return ids;
    }

    static boolean isGuestThread(long id, SessionContext session) {
        return id == 0 || id == -1 || ids(session).contains(id);
    }

    /** A {@code ;thread:<tid>;} suffix (LLDB's QThreadSuffixSupported) selects that thread for this packet on. */
    static boolean selectBySuffix(PacketReader args, SessionContext session) {
        if (!args.consume(";thread:")) {
            return true;
        }
        long id = args.threadId();
        if (!isGuestThread(id, session)) {
            return false;
        }
        session.selectThread(id);
        return true;
    }

    static RspReply currentThread(PacketReader args, SessionContext session) {
        long selected = session.selectedThread();
        List<Long> ids = ids(session);
        long current = selected != 0 ? selected : ids.isEmpty() ? 1 : ids.get(0);
        return RspReply.of("QC" + Long.toHexString(current));
    }

    static RspReply firstThreadInfo(PacketReader args, SessionContext session) {
        List<Long> ids = ids(session);
        if (ids.isEmpty()) {
            return RspReply.of("l");
        }
        var reply = new StringBuilder("m");
        for (long id : ids) {
            reply.append(reply.length() > 1 ? "," : "").append(Long.toHexString(id));
        }
        return RspReply.of(reply.toString());
    }

    static RspReply nextThreadInfo(PacketReader args, SessionContext session) {
        return RspReply.of("l");
    }

    /** {@code Hg<tid>} / {@code Hc<tid>}: later register, frame and local reads use that thread. */
    static RspReply setThread(PacketReader args, SessionContext session) {
        long id = args.threadId();
        if (!isGuestThread(id, session)) {
            return session.error(2, "no such thread");
        }
        session.selectThread(id);
        return RspReply.of("OK");
    }

    /** {@code T<tid>}: GDB reports the thread dead on anything but OK. */
    static RspReply threadAlive(PacketReader args, SessionContext session) {
        boolean alive = session.debuggee().state() != ExecutionState.TERMINATED;
        return isGuestThread(args.threadId(), session) && alive ? RspReply.of("OK") : session.error(2, "no such thread");
    }

    /** The stopping thread's reply; every other thread of the stop has no reason of its own (signal 0). */
    static RspReply threadStopInfo(PacketReader args, SessionContext session) {
        long id = args.hex();
        if (!isGuestThread(id, session)) {
            return session.error(2, "no such thread");
        }
        String reply = session.lastStopReply();
        if (reply == null) {
            return session.error(5, "the guest has not stopped yet");
        }
        StopEvent last = session.debuggee().lastEvent();
        if (id == 0 || id == -1 || last == null || id == StopReplies.threadIdOf(last)) {
            return RspReply.of(reply);
        }
        long pc = session.debuggee().frames(id).stream().filter(frame -> !frame.host()).findFirst()
                .map(top -> io.github.chicorygdbstub.address.WasmAddress.object(top.moduleIndex(), top.pc()))
                .orElse(io.github.chicorygdbstub.address.WasmAddress.OBJECT_BASE);
        String name = session.debuggee().thread(id).map(GuestThreadInfo::name).orElse("");
        return RspReply.of("T00thread:" + Long.toHexString(id) + ";hexname:" + Hex.encodeText(name) + ";00:"
                + Hex.littleEndian(pc) + ";");
    }

    static RspReply attached(PacketReader args, SessionContext session) {
        return RspReply.of("1");
    }

    /** {@code qThreadExtraInfo,<tid>}: the Java thread's name and the export it entered through. */
    static RspReply extraInfo(PacketReader args, SessionContext session) {
        args.consume(',');
        long id = args.threadId();
        return RspReply.of(Hex.encodeText(session.debuggee().thread(id).map(GuestThreadInfo::name)
                .orElse("wasm guest")));
    }
}
