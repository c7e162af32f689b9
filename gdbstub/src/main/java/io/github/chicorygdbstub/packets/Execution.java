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

    /** {@code vCont;action[:tid];...}: the first action that applies to the guest thread wins. */
    static RspReply vCont(PacketReader args, SessionContext session) {
        while (args.consume(';')) {
            int action = args.peek();
            args.consume((char) action);
            if (action == 'C' || action == 'S') {
                args.hex();
            } else if (action != 'c' && action != 's') {
                throw new MalformedPacketException("unsupported vCont action " + (char) action);
            }
            boolean applies = true;
            if (args.consume(':')) {
                applies = Threads.isGuestThread(args.threadId());
            }
            if (applies) {
                return session.resume(action == 's' || action == 'S' ? ResumeMode.STEP : ResumeMode.CONTINUE);
            }
        }
        throw new MalformedPacketException("vCont without an action for thread 1");
    }

    static RspReply haltReason(PacketReader args, SessionContext session) {
        return session.currentStopReply();
    }
}
