package io.github.chicorygdbstub.it;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The test as an embedding application: an embedded debuggee and the C {@code plugin} fixture
 * (examples/plugin-host/plugin.c), whose instances it builds with Chicory's own builder and an
 * {@code env.log} of its own that ignores the messages.
 */
final class EmbeddedPlugin implements AutoCloseable {
    private final ModuleImage image;
    private final Debuggee debuggee = Debuggee.embedded();
    private final ImportValues imports = ImportValues.builder()
            .addFunction(new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                    (instance, args) -> null))
            .build();

    EmbeddedPlugin() {
        try {
            image = ModuleImage.load(Fixtures.wasm("plugin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Debuggee debuggee() {
        return debuggee;
    }

    /** A new instrumented instance of the plugin, as the application would build it. */
    Instance newInstance() {
        return debuggee.instrument(image, Instance.builder(image.wasmModule())).withImportValues(imports).build();
    }

    @Override
    public void close() {
        debuggee.close();
    }
}
