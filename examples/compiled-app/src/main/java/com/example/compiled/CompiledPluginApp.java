package com.example.compiled;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/**
 * An application that runs its plugin the way production Chicory code does: compiled at build
 * time ({@link PluginModule}, generated from {@code plugin.wasm}), instantiated with the
 * compiled machine and the host function it imports, then called. Nothing here mentions a
 * debugger: {@code -Dchicory.gdbstub.listen=HOST:PORT} switches it on.
 *
 * <p>{@code CompiledPluginApp [N]} calls {@code process(1)} to {@code process(N)} (5 by default)
 * and prints {@code process(X) = Y} for each.
 */
public final class CompiledPluginApp {
    private CompiledPluginApp() {}

    /**
     * Runs the calls.
     *
     * @param args {@code [N]}
     */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Instance instance = Instance.builder(PluginModule.load())
                .withMachineFactory(PluginModule::create)
                .withImportValues(ImportValues.builder().addFunction(logFunction()).build())
                .build();
        instance.export("_initialize").apply();
        ExportFunction process = instance.export("process");
        for (int x = 1; x <= calls; x++) {
            System.out.println("process(" + x + ") = " + process.apply(x)[0]);
        }
    }

    /** {@code env.log(ptr, len)}: a string in the plugin's memory, printed on stderr. */
    private static HostFunction logFunction() {
        return new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (caller, args) -> {
                    System.err.println("plugin: " + caller.memory().readString((int) args[0], (int) args[1]));
                    return null;
                });
    }
}
