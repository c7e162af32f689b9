package io.github.chicorygdbstub.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DWARF custom sections of a module ({@code .debug_info}, {@code .debug_line}, ...), looked
 * up by name in the module's bytes. Each lookup returns its own read-only view, so one instance
 * serves any number of readers.
 */
public final class DwarfSections {
    private final Function<String, Optional<ByteBuffer>> lookup;

    private DwarfSections(Function<String, Optional<ByteBuffer>> lookup) {
        this.lookup = lookup;
    }

    /**
     * The sections by name, from a lookup.
     *
     * @param section a lookup such as {@code ModuleImage::customSection}: a custom section's content
     *     by its name, or empty
     * @return the sections
     */
    public static DwarfSections from(Function<String, Optional<ByteBuffer>> section) {
        return new DwarfSections(section);
    }

    /**
     * A section by its name.
     *
     * @param name the section's name, such as {@code .debug_line}
     * @return a view with a position of its own, little-endian as DWARF on Wasm is; or empty when
     *     the module has no such section
     */
    public Optional<ByteBuffer> get(String name) {
        return lookup.apply(name).map(b -> b.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }
}
