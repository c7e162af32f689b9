package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.address.Region;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.Optional;

/**
 * {@code qMemoryRegionInfo:<addr>}: images are {@code rx}, memories {@code rw}. For an unmapped
 * address the reply spans the gap to the next region (or the next 4 GiB boundary) and carries
 * no permissions, which LLDB shows as {@code ---}.
 */
final class MemoryRegions {
    private static final long FOUR_GIB = 1L << 32;

    private MemoryRegions() {}

    static RspReply regionInfo(PacketReader args, SessionContext session) {
        args.expect(':');
        long address = args.hex();
        Optional<Region> region = session.addressSpace().regionAt(address);
        if (region.isPresent()) {
            Region r = region.get();
            String permissions = r.kind() == Region.Kind.MODULE_IMAGE ? "rx" : "rw";
            return RspReply.of("start:" + Long.toHexString(r.start()) + ";size:" + Long.toHexString(r.length())
                    + ";permissions:" + permissions + ";name:" + Hex.encodeText(r.name()) + ";");
        }
        long boundary = (address | (FOUR_GIB - 1)) + 1;
        long end = session.addressSpace().nextRegionAfter(address)
                .map(Region::start)
                .filter(start -> Long.compareUnsigned(start, boundary) < 0 && boundary != 0)
                .orElse(boundary);
        long size = end - address;
        if (size <= 0) {
            size = FOUR_GIB - (address & (FOUR_GIB - 1));
        }
        return RspReply.of("start:" + Long.toHexString(address) + ";size:" + Long.toHexString(size) + ";");
    }
}
