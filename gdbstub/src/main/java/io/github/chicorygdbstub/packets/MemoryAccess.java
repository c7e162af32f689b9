package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.runtime.control.MemoryAccessException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.MalformedPacketException;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * {@code m}, {@code M} and {@code X}. Module images are served straight from the retained
 * original bytes (hex-encoded directly into the reply buffer) and are read-only; linear memories
 * are read and written live. A read that runs past the end of a region is cut short; one that
 * starts outside every region is {@code E03}.
 */
final class MemoryAccess {
    private MemoryAccess() {}

    static RspReply read(PacketReader args, SessionContext session) {
        return read(args, session, Encoding.HEX);
    }

    /**
     * {@code x addr,length}: LLDB's binary read, half the bytes of {@code m} on the wire and no
     * hex decoding in the client. LLDB 19 probes it with {@code x0,0} and then expects raw
     * (escaped) bytes without a prefix; GDB 16 uses a different, {@code b}-prefixed dialect and
     * GDB 13 none, so the GDB profile answers "unsupported".
     */
    static RspReply readBinary(PacketReader args, SessionContext session) {
        if (session.profile() != ClientProfile.LLDB) {
            return RspReply.EMPTY;
        }
        return read(args, session, Encoding.BINARY);
    }

    /** How read bytes go on the wire. */
    private enum Encoding {
        HEX,
        BINARY
    }

    private static RspReply read(PacketReader args, SessionContext session, Encoding encoding) {
        long address = args.hex();
        args.expect(',');
        long length = args.hex();
        if (!args.atEnd()) {
            throw new MalformedPacketException("trailing bytes after the length");
        }
        if (length == 0) {
            return encoding == Encoding.BINARY ? RspReply.of("OK") : session.error(1, "zero-length read");
        }
        // Bound the reply: hex doubles every byte, so hex replies stay within the advertised packet
        // size; escaped binary grows by a few percent in practice and at most doubles.
        int cap = encoding == Encoding.HEX ? session.maxPacketSize() / 2 : session.maxPacketSize();
        // Unsigned: a client may ask for 2^64-1 bytes ("as much as you have").
        int wanted = Long.compareUnsigned(length, cap) > 0 ? cap : (int) length;
        int id = WasmAddress.id(address);
        long offset = WasmAddress.offset(address);
        return switch (WasmAddress.space(address)) {
            case OBJECT -> readImage(session, id, offset, wanted, encoding);
            case MEMORY -> readMemory(session, session.effectiveMemory(id), offset, wanted, encoding);
            default -> session.error(3, "address is in no readable space");
        };
    }

    private static RspReply readImage(SessionContext session, int moduleIndex, long offset, int wanted,
            Encoding encoding) {
        if (moduleIndex >= session.debuggee().modules().size()) {
            return session.error(3, "no module image " + moduleIndex);
        }
        ModuleImage image = session.debuggee().module(moduleIndex);
        if (offset >= image.size()) {
            return session.error(3, "past the end of module image " + moduleIndex);
        }
        int count = (int) Math.min(wanted, image.size() - offset);
        session.stats().moduleBytesRead(count);
        if (encoding == Encoding.BINARY) {
            // No copy: the encoder escapes straight from the retained image into the frame.
            return RspReply.binary(Unpooled.wrappedBuffer(image.asReadOnlyBuffer().slice((int) offset, count)));
        }
        return RspReply.hex(session.alloc(), image.asReadOnlyBuffer(), (int) offset, count);
    }

    private static RspReply readMemory(SessionContext session, int memoryIndex, long offset, int wanted,
            Encoding encoding) {
        byte[] bytes = new byte[wanted];
        try {
            int count = session.debuggee().readMemory(memoryIndex, offset, bytes, 0, wanted);
            session.stats().memoryBytesRead(count);
            if (encoding == Encoding.BINARY) {
                return RspReply.binary(Unpooled.wrappedBuffer(bytes, 0, count));
            }
            return RspReply.hex(session.alloc(), ByteBuffer.wrap(bytes), 0, count);
        } catch (MemoryAccessException e) {
            return session.error(3, e.getMessage());
        }
    }

    /** {@code M addr,length:hex-bytes}. */
    static RspReply writeHex(PacketReader args, SessionContext session) {
        return write(args, session, PacketReader::hexBytes);
    }

    /** {@code X addr,length:binary-bytes} (escapes were removed by the decoder). */
    static RspReply writeBinary(PacketReader args, SessionContext session) {
        return write(args, session, PacketReader::restBytes);
    }

    private static RspReply write(PacketReader args, SessionContext session, Function<PacketReader, byte[]> data) {
        long address = args.hex();
        args.expect(',');
        long length = args.hex();
        args.expect(':');
        return write(session, address, length, data.apply(args));
    }

    private static RspReply write(SessionContext session, long address, long length, byte[] data) {
        if (length != data.length) {
            throw new MalformedPacketException("length " + length + " but " + data.length + " bytes given");
        }
        if (WasmAddress.space(address) == WasmAddress.Space.OBJECT) {
            return session.error(3, "module images are read-only");
        }
        if (WasmAddress.space(address) != WasmAddress.Space.MEMORY) {
            return session.error(3, "address is in no writable space");
        }
        if (data.length == 0) {
            return RspReply.of("OK");
        }
        try {
            session.debuggee().writeMemory(session.effectiveMemory(WasmAddress.id(address)), WasmAddress.offset(address),
                    data, 0, data.length);
            session.stats().memoryBytesWritten(data.length);
            return RspReply.of("OK");
        } catch (MemoryAccessException e) {
            return session.error(3, e.getMessage());
        }
    }
}
