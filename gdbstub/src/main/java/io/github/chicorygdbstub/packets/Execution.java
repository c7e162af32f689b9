package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.ResumeMode;
import io.github.chicorygdbstub.session.MalformedPacketException;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/**
 * Resuming: {@code c}, {@code C}, {@code s}, {@code S}, {@code vCont} and the status query
 * {@code ?}. Signals cannot be delivered to a Wasm guest and are ignored, except that resuming
 * from a trap ends the guest (reported as {@code X0b}), which is what the runtime does anyway.
 * Resume addresses are ignored: the Wasm pc cannot be set.
 */
final class Execution {
    static final String VCONT_ACTIONS = "vCont;c;C;s;S";

    private Execution() {}

    static RspReply continueExecution(PacketReader args, SessionContext session) {
        return session.resume(ResumeMode.CONTINUE);
    }

    static RspReply continueWithSignal(PacketReader args, SessionContext session) {
        args.hex();
        return session.resume(ResumeMode.CONTINUE);
    }

    static RspReply step(PacketReader args, SessionContext session) {
        return session.resume(ResumeMode.STEP);
    }

    static RspReply stepWithSignal(PacketReader args, SessionContext session) {
        args.hex();
        return session.resume(ResumeMode.STEP);
    }

    static RspReply supportedActions(PacketReader args, SessionContext session) {
        return RspReply.of(VCONT_ACTIONS);
    }

    /**
     * {@code vCont;action[:tid];...}: for each thread the first action that names it wins; an
     * action without a thread is for every thread not named (none: they stay stopped).
     */
    static RspReply vCont(PacketReader args, SessionContext session) {
        var actions = new java.util.LinkedHashMap<Long, ResumeMode>();
        ResumeMode others = null;
        boolean any = false;
        while (args.consume(';')) {
            int action = args.peek();
            args.consume((char) action);
            if (action == 'C' || action == 'S') {
                args.hex();
            } else if (action != 'c' && action != 's') {
                throw new MalformedPacketException("unsupported vCont action " + (char) action);
            }
            ResumeMode mode = action == 's' || action == 'S' ? ResumeMode.STEP : ResumeMode.CONTINUE;
            any = true;
            if (args.consume(':')) {
                long thread = args.threadId();
                if (thread == -1 || thread == 0) {
                    others = others == null ? mode : others;
                } else if (Threads.isGuestThread(thread, session)) {
                    actions.putIfAbsent(thread, mode);
                }
            } else if (others == null) {
                others = mode;
            }
        }
        if (!any || (actions.isEmpty() && others == null)) {
            throw new MalformedPacketException("vCont without an action for a thread of the guest");
        }
        if (actions.isEmpty() && others == ResumeMode.STEP) {
            return session.resume(ResumeMode.STEP); // "vCont;s": the current thread steps
        }
        return session.resume(actions, others);
    }

    static RspReply haltReason(PacketReader args, SessionContext session) {
        return session.currentStopReply();
    }
}
