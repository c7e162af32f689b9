package dev.chicory.gdbstub.bench;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import dev.chicory.gdbstub.fixtures.Fixtures;
import dev.chicory.gdbstub.runtime.control.Debuggee;
import dev.chicory.gdbstub.runtime.control.ResumeMode;
import dev.chicory.gdbstub.runtime.control.StopEvent;
import dev.chicory.gdbstub.runtime.control.StopReason;
import dev.chicory.gdbstub.runtime.module.FunctionRange;
import dev.chicory.gdbstub.runtime.module.ModuleImage;
import dev.chicory.gdbstub.session.ClientProfile;
import java.time.Duration;
import java.util.List;

/**
 * Guest run time under the debugger divided by plain Chicory interpreter time, for a
 * compute-heavy guest (recursive fib and a loop over a 1 MiB buffer), rounds interleaved:
 * (a) debuggable, no breakpoints; (b) breakpoints in functions that never run; (c) through the
 * server with a client attached that has continued.
 */
final class DebugTax {
    private static final String GUEST = "compute";
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final ModuleImage image;
    private final int rounds;

    DebugTax(int rounds) throws Exception {
        this.image = ModuleImage.load(Fixtures.wasm(GUEST));
        this.rounds = rounds;
    }

    List<Figure> run() throws Exception {
        var plain = new Samples();
        var debuggable = new Samples();
        var idleBreakpoints = new Samples();
        var attached = new Samples();
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            double p = plainChicory();
            double a = debuggee(false);
            double b = debuggee(true);
            double c = clientAttached();
            if (round >= 0) {
                plain.add(p);
                debuggable.add(a);
                idleBreakpoints.add(b);
                attached.add(c);
            }
        }
        double base = plain.median();
        return List.of(
                new Figure("plain Chicory run of compute.wasm (median)", base * 1000, "ms", 1.0, "", true),
                ratio("debug tax (a): debuggable, no breakpoints", debuggable.median(), base, 1.05),
                ratio("debug tax (b): breakpoints in functions never run", idleBreakpoints.median(), base, 1.10),
                ratio("debug tax (c): client attached and continued", attached.median(), base, 1.05));
    }

    private static Figure ratio(String name, double seconds, double base, double target) {
        double ratio = seconds / base;
        return new Figure(name, seconds * 1000, "ms", ratio, "≤ " + target, ratio <= target);
    }

    /** Seconds for {@code _start} in a plain Chicory instance. */
    private double plainChicory() {
        var wasi = WasiPreview1.builder().withOptions(ServedGuest.quiet()).build();
        var store = new Store();
        store.addFunction(wasi.toHostFunctions());
        Instance instance = Instance.builder(image.wasmModule()).withImportValues(store.toImportValues()).build();
        long start = System.nanoTime();
        try {
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            check(e.exitCode() == 0, "plain run exited with " + e.exitCode());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from resume at entry to exit in a {@link Debuggee}. */
    private double debuggee(boolean idleBreakpoints) throws Exception {
        try (Debuggee debuggee = Debuggee.builder(image).withWasiOptions(ServedGuest.quiet())
                .withStopAtEntry(true).build()) {
            debuggee.start();
            debuggee.awaitStop(LIMIT);
            if (idleBreakpoints) {
                for (String name : List.of("never_called_a", "never_called_b")) {
                    FunctionRange f = function(name);
                    debuggee.setBreakpoint(0, f.firstInstruction());
                }
            }
            long start = System.nanoTime();
            debuggee.resume(ResumeMode.CONTINUE);
            StopEvent end = debuggee.awaitTermination(LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            check(end.reason() == StopReason.EXITED && end.exitCode() == 0, "debuggee ended with " + end);
            return seconds;
        }
    }

    /** Seconds from {@code vCont;c} to the {@code W00} reply, through the real server and TCP. */
    private double clientAttached() throws Exception {
        try (ServedGuest guest = ServedGuest.start(GUEST, ClientProfile.LLDB); BenchClient client = guest.connect()) {
            client.ask("?");
            long start = System.nanoTime();
            String reply = client.ask("vCont;c:1");
            double seconds = (System.nanoTime() - start) / 1e9;
            check(reply.equals("W00"), "attached run ended with " + reply);
            return seconds;
        }
    }

    private FunctionRange function(String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
