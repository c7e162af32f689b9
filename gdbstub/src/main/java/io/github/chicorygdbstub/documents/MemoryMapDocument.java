package io.github.chicorygdbstub.documents;

import io.github.chicorygdbstub.address.Region;
import java.util.List;

/**
 * {@code qXfer:memory-map:read}: module images as {@code rom}, linear memories as {@code ram}
 * with their current sizes. GDB refuses accesses outside these regions and plants hardware
 * breakpoints ({@code Z1}) in {@code rom}.
 */
public final class MemoryMapDocument {
    private MemoryMapDocument() {}

    /**
     * The memory map document.
     *
     * @param regions the regions to list, as {@link io.github.chicorygdbstub.address.AddressSpace#regions()} gives them
     * @return the XML
     */
    public static String render(List<Region> regions) {
        var xml = new StringBuilder(256)
                .append("<?xml version=\"1.0\"?>\n")
                .append("<!DOCTYPE memory-map PUBLIC \"+//IDN gnu.org//DTD GDB Memory Map V1.0//EN\"")
                .append(" \"http://sourceware.org/gdb/gdb-memory-map.dtd\">\n")
                .append("<memory-map>\n");
        for (Region region : regions) {
            if (region.length() == 0) {
                continue;
            }
            xml.append("  <memory type=\"").append(region.kind() == Region.Kind.MODULE_IMAGE ? "rom" : "ram")
                    .append("\" start=\"0x").append(Long.toHexString(region.start()))
                    .append("\" length=\"0x").append(Long.toHexString(region.length())).append("\"/>\n");
        }
        return xml.append("</memory-map>\n").toString();
    }
}
