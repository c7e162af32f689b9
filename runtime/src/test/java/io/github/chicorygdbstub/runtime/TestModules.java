package io.github.chicorygdbstub.runtime;

import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Fixture loading and lookups shared by the runtime tests. */
public final class TestModules {
    private TestModules() {}

    public static ModuleImage load(String fixture) {
        try {
            return ModuleImage.load(Fixtures.wasm(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FunctionRange function(ModuleImage image, String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + name + " in " + image.name()));
    }

    /** File offset of the {@code n}-th instruction (0-based) of a function. */
    public static int instruction(ModuleImage image, String function, int n) {
        FunctionRange range = function(image, function);
        int[] offsets = image.instructionOffsets();
        int found = 0;
        for (int offset : offsets) {
            if (offset >= range.firstInstruction() && offset < range.bodyEnd() && found++ == n) {
                return offset;
            }
        }
        throw new AssertionError("function " + function + " has fewer than " + (n + 1) + " instructions");
    }
}
