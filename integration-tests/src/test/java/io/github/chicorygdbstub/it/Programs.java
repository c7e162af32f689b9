package io.github.chicorygdbstub.it;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Facts about the fixture programs that the tests compare a debugger's output with. */
final class Programs {
    private Programs() {}

    static ModuleImage image(String fixture) {
        try {
            return ModuleImage.load(Fixtures.wasm(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function wasm-ld exports as {@code _start} for a C command: the guest's first instruction. */
    static final String ENTRY = "_start.command_export";
    /** What clang calls a C {@code int main(void)} in the name section. */
    static final String MAIN = "__original_main";

    /** The synthetic address of a function's first instruction in module 0. */
    static long functionAddress(String fixture, String function) {
        return WasmAddress.object(0, function(image(fixture), function).firstInstruction());
    }

    static FunctionRange function(ModuleImage image, String name) {
        return image.functions().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + " in " + image.name()));
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /** {@code file:line} of a {@code @line} marker in a fixture's C source. */
    static String line(String file, String marker) {
        return file + ":" + Fixtures.line(file, marker);
    }

    /**
     * A regular expression for a location anywhere in spin.c's endless loop: its body, or the
     * {@code for (;;)} line just above it, which the loop's branch instruction carries, so an
     * interrupt lands on either.
     */
    static String spinLoop() {
        int body = Fixtures.line("spin.c", "spin-loop");
        return "spin\\.c:(" + (body - 1) + "|" + body + ")";
    }
}
