package io.github.chicorygdbstub.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Calls a reactor's export {@code process(x)} {@link Guest#calls} times from Java in a loop, on one
 * instance built once: a plain Chicory one, or one built through {@link Debuggee#instrument} of an
 * embedded debuggee with nothing armed and no debugger attached, whose every call from outside
 * enters and leaves the controller's thread registry. The host import {@code env.log} does nothing.
 */
final class ExportCalls {
    /** A reactor fixture, the arguments its {@code process} is called with, and what it returns for each. */
    enum Guest {
        /** {@code reactor.wat}: a call of a Wasm function and of the host, a global bumped; pure call overhead. */
        REACTOR("reactor_wat", 1_000_000, i -> i, x -> x * x),
        /**
         * {@code plugin.c}, with x = 1..4: a loop of x calls, a message built in memory, the host
         * called; unoptimized C, about 25 µs a call, hence a tenth as many calls.
         */
        PLUGIN("plugin", 100_000, i -> 1 + (i & 3), x -> x * (x + 1) * (2 * x + 1) / 6 + x);

        final String fixture;
        final int calls;
        final IntUnaryOperator argument;
        final IntUnaryOperator expected;

        Guest(String fixture, int calls, IntUnaryOperator argument, IntUnaryOperator expected) {
            this.fixture = fixture;
            this.calls = calls;
            this.argument = argument;
            this.expected = expected;
        }
    }

    private final Guest guest;
    private final ExportFunction process;

    ExportCalls(Guest guest, boolean instrumented) throws Exception {
        this.guest = guest;
        ModuleImage image = ModuleImage.load(Fixtures.wasm(guest.fixture));
        Instance.Builder builder = Instance.builder(image.wasmModule());
        if (instrumented) {
            // The debuggee is never closed: it lives as long as the fork, as an application's would.
            builder = Debuggee.embedded().instrument(image, builder);
        }
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, args) -> null);
        this.process = builder.withImportValues(ImportValues.builder().addFunction(log).build()).build()
                .export("process");
    }

    /** Seconds that {@link Guest#calls} calls took; fails if any returned the wrong value. */
    double seconds() {
        long sum = 0;
        long expected = 0;
        long start = System.nanoTime();
        for (int i = 0; i < guest.calls; i++) {
            sum += (int) process.apply(guest.argument.applyAsInt(i))[0];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < guest.calls; i++) {
            expected += guest.expected.applyAsInt(guest.argument.applyAsInt(i));
        }
        Checks.check(sum == expected, guest + ": process returned " + sum + " in all, not " + expected);
        return seconds;
    }
}
