package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.List;

/**
 * Registers: WebAssembly has none but the pc. LLDB learns of one 64-bit {@code pc} register
 * (number 0) from {@code qRegisterInfo}; GDB 13, in its x86-64 disguise, reads the pc as
 * {@code rip} (number 16, bytes 128-135 of {@code g}) and every other register as unavailable.
 */
final class Registers {
    static final String PC_INFO = "name:pc;alt-name:pc;bitsize:64;offset:0;encoding:uint;format:hex;"
            + "set:General Purpose Registers;gcc:16;dwarf:16;generic:pc;";
    private static final int GDB_RIP = 16;
    private static final String GDB_UNAVAILABLE_GPRS = "xx".repeat(128);

    private Registers() {}

    static RspReply registerInfo(PacketReader args, SessionContext session) {
        return args.hex() == 0 ? RspReply.of(PC_INFO) : RspReply.of("E45");
    }

    static RspReply readOne(PacketReader args, SessionContext session) {
        long number = args.hex();
        if (!Threads.selectBySuffix(args, session)) {
            return session.error(2, "no such thread");
        }
        if (number == 0 || (number == GDB_RIP && session.profile() == ClientProfile.GDB)) {
            return RspReply.of(Hex.littleEndian(pc(session)));
        }
        // GDB treats an empty reply as "register unavailable"; an error would end its session.
        return session.profile() == ClientProfile.GDB ? RspReply.EMPTY : RspReply.of("E45");
    }

    static RspReply readAll(PacketReader args, SessionContext session) {
        String pc = Hex.littleEndian(pc(session));
        return RspReply.of(session.profile() == ClientProfile.GDB ? GDB_UNAVAILABLE_GPRS + pc : pc);
    }

    static RspReply write(PacketReader args, SessionContext session) {
        return session.error(5, "the WebAssembly pc cannot be written");
    }

    /** The pc of the current stop as a synthetic Object-space address (frame 0's instruction). */
    static long pc(SessionContext session) {
        List<FrameSnapshot> frames = session.wasmFrames();
        if (!frames.isEmpty()) {
            return session.reportedPc(frames.get(0));
        }
        StopEvent last = session.debuggee().lastEvent();
        if (last != null && last.hasLocation()) {
            return WasmAddress.object(last.moduleIndex(), last.requestedOffset());
        }
        return WasmAddress.OBJECT_BASE;
    }
}
