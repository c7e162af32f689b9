package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.BreakpointException;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.WatchKind;
import io.github.chicorygdbstub.session.PacketHandler;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;

/**
 * {@code Z2}/{@code Z3}/{@code Z4} ({@code ,address,length}) and their {@code z} removals:
 * write, read and access watchpoints on linear memory, plus LLDB's
 * {@code qWatchpointSupportInfo}. The guest stops after the watched access and before the next
 * instruction, as on x86 (which is what GDB 13 takes the target for, and what LLDB assumes when
 * {@code qHostInfo} says {@code watchpoint_exceptions_received:after}). As with breakpoints,
 * inserting twice and removing a missing one are fine.
 */
final class Watchpoints {
    private Watchpoints() {}

    static PacketHandler insert(WatchKind kind) {
        return (args, session) -> {
            Range range = Range.parse(args);
            if (WasmAddress.space(range.address()) != WasmAddress.Space.MEMORY) {
                return session.error(3, "watchpoints go in linear memory");
            }
            try {
                session.debuggee().setWatchpoint(WasmAddress.id(range.address()),
                        WasmAddress.offset(range.address()), range.length(), kind);
                return RspReply.of("OK");
            } catch (BreakpointException e) {
                return session.error(3, e.getMessage());
            }
        };
    }

    static PacketHandler remove(WatchKind kind) {
        return (args, session) -> {
            Range range = Range.parse(args);
            if (WasmAddress.space(range.address()) == WasmAddress.Space.MEMORY) {
                session.debuggee().clearWatchpoint(WasmAddress.id(range.address()),
                        WasmAddress.offset(range.address()), range.length(), kind);
            }
            return RspReply.of("OK");
        };
    }

    static RspReply supportInfo(PacketReader args, SessionContext session) {
        return RspReply.of("num:" + Debuggee.MAX_WATCHPOINTS + ";");
    }

    /** The watched bytes of a request; lengths beyond an int are kept out of range, not wrapped. */
    private record Range(long address, int length) {
        static Range parse(PacketReader args) {
            args.expect(',');
            long address = args.hex();
            args.expect(',');
            long length = args.hex();
            return new Range(address, (int) Math.min(length, Integer.MAX_VALUE));
        }
    }
}
