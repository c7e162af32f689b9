package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.HostFunction;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An import nothing provides is refused when the debuggee is built, before anything runs. */
class ImportCheckTest {
    /** {@code (module (import "env" "log" (func)))}, assembled by hand. */
    private static final byte[] IMPORTS_ENV_LOG = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x02, 0x0b, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'l', 'o', 'g', 0x00, 0x00,
    };

    /** {@code (module (import "env" "mem" (memory 1)))}. */
    private static final byte[] IMPORTS_ENV_MEMORY = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x02, 0x0c, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'm', 'e', 'm', 0x02, 0x00, 0x01,
    };

    @Test
    void aMissingFunctionIsNamedWithItsModule() {
        ModuleImage image = ModuleImage.of("plugin.wasm", IMPORTS_ENV_LOG);
        assertThatThrownBy(() -> Debuggee.builder(image).build())
                .isInstanceOfSatisfying(UnsatisfiedImportException.class, e -> {
                    assertThat(e.moduleName()).isEqualTo("plugin.wasm");
                    assertThat(e.importModule()).isEqualTo("env");
                    assertThat(e.importName()).isEqualTo("log");
                    assertThat(e.kind()).isEqualTo("function");
                })
                .hasMessage("plugin.wasm imports function env.log, which neither WASI, a host function nor a linked"
                        + " module provides");
    }

    @Test
    void aHostFunctionOfThatNameSatisfiesIt() throws Exception {
        var log = new HostFunction("env", "log", List.of(), List.of(), (instance, args) -> null);
        try (Debuggee debuggee = Debuggee.builder(ModuleImage.of("plugin.wasm", IMPORTS_ENV_LOG))
                .withHostFunctions(log).build()) {
            assertThat(debuggee.modules()).hasSize(1);
        }
    }

    @Test
    void kindsMatter() {
        var notAMemory = new HostFunction("env", "mem", List.of(), List.of(), (instance, args) -> null);
        assertThatThrownBy(() -> Debuggee.builder(ModuleImage.of("m.wasm", IMPORTS_ENV_MEMORY))
                .withHostFunctions(notAMemory).build())
                .hasMessageStartingWith("m.wasm imports memory env.mem,");
    }

    @Test
    void wasiAndLinkedModulesSatisfyTheirImports() throws Exception {
        // main_wat imports a function, a memory and a global from lib_wat.
        try (Debuggee debuggee = Debuggee.builder(load("main_wat")).withLibrary("lib", load("lib_wat")).build()) {
            assertThat(debuggee.modules()).hasSize(2);
        }
        assertThatThrownBy(() -> Debuggee.builder(load("main_wat")).build())
                .isInstanceOf(UnsatisfiedImportException.class).hasMessageContaining("main_wat.wasm imports");
    }
}
