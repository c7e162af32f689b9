package dev.chicory.gdbstub.runtime.dwarf;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DWARF custom sections of a module, each a read-only view of the module's bytes (or empty
 * when the module has none). Every reader takes its own duplicate, so one instance serves any
 * number of readers.
 */
public record DwarfSections(
        Optional<ByteBuffer> debugInfo,
        Optional<ByteBuffer> debugAbbrev,
        Optional<ByteBuffer> debugLine,
        Optional<ByteBuffer> debugStr,
        Optional<ByteBuffer> debugLineStr,
        Optional<ByteBuffer> debugStrOffsets,
        Optional<ByteBuffer> debugAddr,
        Optional<ByteBuffer> debugLoc,
        Optional<ByteBuffer> debugLoclists,
        Optional<ByteBuffer> debugRanges,
        Optional<ByteBuffer> debugRnglists) {

    /** The sections by name, from a lookup such as {@code ModuleImage::customSection}. */
    public static DwarfSections from(Function<String, Optional<ByteBuffer>> section) {
        return new DwarfSections(section.apply(".debug_info"), section.apply(".debug_abbrev"),
                section.apply(".debug_line"), section.apply(".debug_str"), section.apply(".debug_line_str"),
                section.apply(".debug_str_offsets"), section.apply(".debug_addr"), section.apply(".debug_loc"),
                section.apply(".debug_loclists"), section.apply(".debug_ranges"), section.apply(".debug_rnglists"));
    }

    @Override
    public Optional<ByteBuffer> debugInfo() {
        return fresh(debugInfo);
    }

    @Override
    public Optional<ByteBuffer> debugAbbrev() {
        return fresh(debugAbbrev);
    }

    @Override
    public Optional<ByteBuffer> debugLine() {
        return fresh(debugLine);
    }

    @Override
    public Optional<ByteBuffer> debugStr() {
        return fresh(debugStr);
    }

    @Override
    public Optional<ByteBuffer> debugLineStr() {
        return fresh(debugLineStr);
    }

    @Override
    public Optional<ByteBuffer> debugStrOffsets() {
        return fresh(debugStrOffsets);
    }

    @Override
    public Optional<ByteBuffer> debugAddr() {
        return fresh(debugAddr);
    }

    @Override
    public Optional<ByteBuffer> debugLoc() {
        return fresh(debugLoc);
    }

    @Override
    public Optional<ByteBuffer> debugLoclists() {
        return fresh(debugLoclists);
    }

    @Override
    public Optional<ByteBuffer> debugRanges() {
        return fresh(debugRanges);
    }

    @Override
    public Optional<ByteBuffer> debugRnglists() {
        return fresh(debugRnglists);
    }

    /** A duplicate with its own position, little-endian as DWARF on Wasm is. */
    private static Optional<ByteBuffer> fresh(Optional<ByteBuffer> section) {
        return section.map(b -> b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN));
    }
}
