package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.documents.LibraryListDocument;
import io.github.chicorygdbstub.documents.MemoryMapDocument;
import io.github.chicorygdbstub.documents.TargetDescription;
import io.github.chicorygdbstub.documents.XferChunk;
import io.github.chicorygdbstub.session.ClientProfile;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import io.netty.buffer.Unpooled;

/**
 * {@code qXfer:<object>:read:<annex>:<offset>,<length>} for the three documents we serve:
 * {@code features} (GDB's target.xml), {@code libraries} (LLDB's module list) and
 * {@code memory-map}. Documents are generated per request, so they follow memory growth.
 */
final class Xfer {
    private Xfer() {}

    static RspReply read(PacketReader args, SessionContext session) {
        args.expect(':');
        String object = args.until(':');
        if (!args.consume("read:")) {
            return RspReply.EMPTY;
        }
        String annex = args.until(':');
        long offset = args.hex();
        args.expect(',');
        long length = args.hex();
        String document;
        switch (object) {
            case "features" -> {
                if (!"target.xml".equals(annex) || session.profile() != ClientProfile.GDB) {
                    return session.error(0, "no such annex");
                }
                document = TargetDescription.gdbX86Disguise();
            }
            case "libraries" -> document = LibraryListDocument.render(session.addressSpace().libraryNames());
            case "memory-map" -> document = MemoryMapDocument.render(session.addressSpace().regions());
            default -> {
                return RspReply.EMPTY;
            }
        }
        // Unsigned, like every RSP number: "ffffffffffffffff" means as much as there is.
        long cappedLength = Long.compareUnsigned(length, session.maxPacketSize()) > 0 ? session.maxPacketSize() : length;
        return RspReply.binary(Unpooled.wrappedBuffer(XferChunk.slice(document, offset, cappedLength)));
    }
}
