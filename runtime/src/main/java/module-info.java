/**
 * Hosts WebAssembly guests in Chicory's interpreter under debugger control: the {@code Debuggee}
 * API ({@link io.github.chicorygdbstub.runtime.control}), module images, breakpoint locations
 * and inspection values.
 *
 * <p>Chicory's own modules are required transitively because this API is made of their types
 * ({@code Instance.Builder}, {@code WasmModule}, {@code WasiOptions}), and so is the DWARF module,
 * whose {@code LineTable} and {@code DebugInfo} a {@code ModuleImage} returns. The runtime also reaches
 * members of Chicory's interpreter that Chicory does not export, so on the module path two of
 * Chicory's packages must be opened to this module: docs/embedding.md, "Class path and module
 * path", lists the {@code --add-opens} options, and a {@code Debuggee} built without them fails
 * with a message that names them.
 */
module io.github.chicorygdbstub.runtime {
    requires transitive com.dylibso.chicory.runtime;
    requires transitive com.dylibso.chicory.wasm;
    requires transitive com.dylibso.chicory.wasi;
    requires transitive io.github.chicorygdbstub.dwarf;
    requires org.slf4j;

    exports io.github.chicorygdbstub.runtime.compiled;
    exports io.github.chicorygdbstub.runtime.control;
    exports io.github.chicorygdbstub.runtime.inspect;
    exports io.github.chicorygdbstub.runtime.locate;
    exports io.github.chicorygdbstub.runtime.module;
}
