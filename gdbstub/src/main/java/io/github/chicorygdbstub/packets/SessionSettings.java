package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/** Packets that only switch a session option or acknowledge a probe. */
final class SessionSettings {
    static final String VERSION = "0.1.0";

    private SessionSettings() {}

    /** LLDB sends it first, acknowledged or not; the {@code +} for it goes out before acks stop. */
    static RspReply startNoAckMode(PacketReader args, SessionContext session) {
        session.disableAcksAfterReply();
        return RspReply.of("OK");
    }

    static RspReply ok(PacketReader args, SessionContext session) {
        return RspReply.of("OK");
    }

    static RspReply enableErrorStrings(PacketReader args, SessionContext session) {
        session.enableErrorStrings();
        return RspReply.of("OK");
    }

    static RspReply serverVersion(PacketReader args, SessionContext session) {
        return RspReply.of("name:chicory-gdbstub;version:" + VERSION + ";");
    }
}
