package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.GlobalValue;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * LLDB's WebAssembly packets ({@code process connect --plugin wasm}): the call stack, locals,
 * globals and operand-stack values of the current stop. Frame numbers index the list that
 * {@code qWasmCallStack} returns (host frames left out), which stays the same for the whole stop.
 * Numbers are decimal, replies little-endian value bytes in hex.
 */
final class WasmFrames {
    /** Caps the reply of a runaway recursion; 16 hex digits per frame. */
    static final int MAX_FRAMES = 100_000;

    private WasmFrames() {}

    /** {@code qWasmCallStack:<tid>}: frame 0's pc, then each caller's return address. */
    static RspReply callStack(PacketReader args, SessionContext session) {
        args.expect(':');
        long thread = args.threadId();
        if (!Threads.isGuestThread(thread, session)) {
            return session.error(2, "no such thread");
        }
        session.selectThread(thread);
        List<FrameSnapshot> frames = session.wasmFrames();
        if (frames.isEmpty()) {
            return session.error(5, "no frames");
        }
        int count = Math.min(frames.size(), MAX_FRAMES);
        ByteBuf out = session.alloc().buffer(count * 16);
        for (int i = 0; i < count; i++) {
            FrameSnapshot frame = frames.get(i);
            long address = i == 0 ? session.reportedPc(frame) : WasmAddress.object(frame.moduleIndex(), frame.debuggerPc());
            out.writeCharSequence(Hex.littleEndian(address), java.nio.charset.StandardCharsets.US_ASCII);
        }
        return RspReply.ofBuffer(out);
    }

    /** {@code qWasmLocal:<frame>;<index>}. */
    static RspReply local(PacketReader args, SessionContext session) {
        return frameSlot(args, session, "local", FrameSnapshot::localCount,
                (frame, index) -> frame.locals().get(index));
    }

    /** {@code qWasmGlobal:<frame>;<index>} or {@code qWasmGlobal:<index>;instance:<id>;}. */
    static RspReply global(PacketReader args, SessionContext session) {
        args.expect(':');
        int first = args.decimal();
        args.expect(';');
        int moduleIndex;
        int globalIndex;
        if (args.consume("instance:")) {
            globalIndex = first;
            moduleIndex = args.decimal();
            if (moduleIndex >= session.debuggee().modules().size()) {
                return session.error(4, "no instance " + moduleIndex);
            }
        } else {
            FrameSnapshot frame = frame(session, first);
            if (frame == null) {
                return session.error(2, "no frame " + first);
            }
            moduleIndex = frame.moduleIndex();
            globalIndex = args.decimal();
        }
        List<GlobalValue> globals = session.debuggee().globals(moduleIndex);
        if (globalIndex >= globals.size()) {
            return session.error(3, "no global " + globalIndex);
        }
        return value(session, globals.get(globalIndex).value());
    }

    /**
     * {@code qWasmStackValue:<frame>;<index>}, index 0 = bottom of the frame's operand stack, in
     * its natural width (8 bytes if the runtime could not recover the operand types).
     */
    static RspReply stackValue(PacketReader args, SessionContext session) {
        return frameSlot(args, session, "operand", FrameSnapshot::operandStackSize,
                FrameSnapshot::operand);
    }

    /** Parses {@code :<frame>;<index>} and answers with slot {@code index} of that frame. */
    private static RspReply frameSlot(PacketReader args, SessionContext session, String what,
            ToIntFunction<FrameSnapshot> count, BiFunction<FrameSnapshot, Integer, WasmValue> slot) {
        args.expect(':');
        int frameIndex = args.decimal();
        args.expect(';');
        int index = args.decimal();
        FrameSnapshot frame = frame(session, frameIndex);
        if (frame == null) {
            return session.error(2, "no frame " + frameIndex);
        }
        if (index >= count.applyAsInt(frame)) {
            return session.error(3, "no " + what + " " + index + " in frame " + frameIndex);
        }
        return value(session, slot.apply(frame, index));
    }

    private static FrameSnapshot frame(SessionContext session, int index) {
        List<FrameSnapshot> frames = session.wasmFrames();
        return index < frames.size() ? frames.get(index) : null;
    }

    private static RspReply value(SessionContext session, WasmValue value) {
        byte[] bytes = value.littleEndianBytes();
        ByteBuf out = session.alloc().buffer(bytes.length * 2);
        Hex.writeHex(out, bytes, 0, bytes.length);
        return RspReply.ofBuffer(out);
    }
}
