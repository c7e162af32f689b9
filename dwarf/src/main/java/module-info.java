/**
 * DWARF 2-5 of a WebAssembly module, for clients that cannot read Wasm DWARF themselves: the line
 * table ({@link io.github.chicorygdbstub.dwarf.LineTable}) and the C variables in scope at an
 * instruction, with C expressions over them ({@link io.github.chicorygdbstub.dwarf.DebugInfo}).
 *
 * <p>It reads the sections a module's custom sections hold ({@code DwarfSections}) and a stopped
 * frame through {@code FrameAccess}, so it needs neither Chicory nor the runtime. Its input is
 * untrusted: a damaged section loses what cannot be read, and SLF4J's debug log says why.
 */
module io.github.chicorygdbstub.dwarf {
    requires org.slf4j;

    exports io.github.chicorygdbstub.dwarf;
}
