package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/**
 * {@code qHostInfo} and {@code qProcessInfo}. The hex-encoded wasm32 triple is what makes LLDB
 * choose its WebAssembly dynamic loader, which then loads the modules from the library list;
 * {@code ptrsize} must match the triple's pointer size.
 */
final class ProcessInfo {
    static final String TRIPLE = "wasm32-unknown-unknown-wasm";
    private static final String COMMON =
            "triple:" + Hex.encodeText(TRIPLE) + ";endian:little;ptrsize:4;";

    private ProcessInfo() {}

    /** Watchpoints stop after the access: LLDB must not step over the instruction again. */
    static RspReply hostInfo(PacketReader args, SessionContext session) {
        return RspReply.of(COMMON + "watchpoint_exceptions_received:after;");
    }

    static RspReply processInfo(PacketReader args, SessionContext session) {
        return RspReply.of("pid:1;parent-pid:1;" + COMMON);
    }
}
