package io.github.chicorygdbstub.packets;

import io.github.chicorygdbstub.codec.Hex;
import io.github.chicorygdbstub.address.Region;
import io.github.chicorygdbstub.codec.RspReply;
import io.github.chicorygdbstub.session.PacketReader;
import io.github.chicorygdbstub.session.SessionContext;
import java.util.Optional;

/**
 * {@code qMemoryRegionInfo:<addr>}: images are {@code rx}, memories {@code rw}. For an unmapped
 * address the reply spans the whole gap, up to the next region or to the end of the address
 * space, and carries no permissions, which LLDB shows as {@code ---}.
 *
 * <p>Whole gaps because LLDB's {@code GetMemoryRegions()} (the SB API, {@code memory region
 * --all}) walks the space by asking again at the end of each answer until that end is
 * {@code 0xffffffffffffffff}: gaps cut at 4 GiB boundaries made it ask 2^32 times. That end is
 * LLDB's invalid address, never a real one, so the last gap stops one byte short of 2^64 (an
 * end of 2^64 would wrap to 0 and start the walk over).
 */
final class MemoryRegions {
    /** The exclusive end of the last gap: LLDB_INVALID_ADDRESS, where LLDB's walk stops. */
    private static final long END_OF_SPACE = -1L;

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
        if (address == END_OF_SPACE) {
            return session.error(3, "no region starts at the end of the address space");
        }
        long end = session.addressSpace().nextRegionAfter(address).map(Region::start).orElse(END_OF_SPACE);
        return RspReply.of("start:" + Long.toHexString(address) + ";size:" + Long.toHexString(end - address) + ";");
    }
}
