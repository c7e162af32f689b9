package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.BreakpointException;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/**
 * {@code Z0}/{@code Z1} and {@code z0}/{@code z1} at Object-space addresses (watchpoints are
 * {@link Watchpoints}); software and
 * hardware breakpoints are the same thing here (GDB asks for {@code Z1} in {@code rom} regions).
 * The kind is ignored: LLDB 19 sends 0, GDB 1. Inserting twice and removing a missing one are
 * both fine, because clients insert all breakpoints at every resume and remove them at every stop.
 */
final class Breakpoints {
    private Breakpoints() {}

    static RspReply insert(PacketReader args, SessionContext session) {
        int type = (int) args.hex();
        if (type > 1) {
            return RspReply.EMPTY; // a Z type nobody defined; Z2-Z4 have handlers of their own
        }
        long address = address(args);
        if (WasmAddress.space(address) != WasmAddress.Space.OBJECT) {
            return session.error(3, "breakpoints go in module images");
        }
        try {
            session.debuggee().setBreakpoint(WasmAddress.id(address), (int) WasmAddress.offset(address));
            session.breakpointInserted(address, type);
            return RspReply.of("OK");
        } catch (BreakpointException e) {
            return session.error(3, e.getMessage());
        }
    }

    static RspReply remove(PacketReader args, SessionContext session) {
        int type = (int) args.hex();
        if (type > 1) {
            return RspReply.EMPTY;
        }
        long address = address(args);
        if (WasmAddress.space(address) == WasmAddress.Space.OBJECT) {
            session.debuggee().clearBreakpoint(WasmAddress.id(address), (int) WasmAddress.offset(address));
        }
        session.breakpointRemoved(address);
        return RspReply.of("OK");
    }

    private static long address(PacketReader args) {
        args.expect(',');
        long address = args.hex();
        if (args.consume(',')) {
            args.hex(); // kind: ignored
        }
        return address;
    }
}
