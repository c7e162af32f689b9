package io.github.chicorygdbstub.compiled;

import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import io.github.chicorygdbstub.runtime.compiled.CompiledArtifact;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.function.Function;

/**
 * Debugging of build-time-compiled modules switched on without code changes: the module class
 * that chicory-gdbstub's compile step generates calls {@link #forModule} when
 * {@code -Dchicory.gdbstub.listen=HOST:PORT} or {@code CHICORY_GDBSTUB_LISTEN} is set, and from
 * then on its {@code load()} returns the embedded original's module and its {@code create}
 * the debuggable interpreter for it, so the application's own builder calls (imports, WASI,
 * memory limits) stay as they are.
 *
 * <p>All such modules of a JVM are served by one server, started with the first instance and
 * listening on that address. {@code chicory.gdbstub.suspend=n} lets the first instance run
 * without waiting for a debugger. Applications that would rather decide in code use
 * {@link CompiledArtifact#image(Class)} and {@code Debuggee.instrument} instead.
 */
public final class CompiledModuleDebugging {
    private CompiledModuleDebugging() {}

    /**
     * The debugger's stand-in for a compiled module: its original, run under the debugger.
     *
     * @param compiledModule the generated module class
     * @return the module and machine factory its {@code load()} and {@code create} hand out
     * @throws io.github.chicorygdbstub.runtime.compiled.CompiledArtifactException if the artifact
     *     holds no embedded original
     * @throws io.github.chicorygdbstub.runtime.compiled.StaleArtifactException if the embedded
     *     original does not correspond to the compiled module
     * @throws IllegalArgumentException if {@code chicory.gdbstub.listen} is malformed
     */
    public static CompiledModule forModule(Class<?> compiledModule) {
        ModuleImage image = CompiledArtifact.image(compiledModule);
        JvmDebugServer server = JvmDebugServer.get();
        return new CompiledModule() {
            @Override
            public WasmModule wasmModule() {
                return image.wasmModule();
            }

            @Override
            public Function<Instance, Machine> machineFactory() {
                return instance -> server.machineFor(image, instance);
            }
        };
    }
}
