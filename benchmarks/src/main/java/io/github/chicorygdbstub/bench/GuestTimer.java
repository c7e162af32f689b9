package io.github.chicorygdbstub.bench;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiPreview1;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.ResumeMode;
import io.github.chicorygdbstub.runtime.control.StopEvent;
import io.github.chicorygdbstub.runtime.control.StopReason;
import io.github.chicorygdbstub.runtime.control.WatchKind;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.session.ClientProfile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Times whole runs of the compute-heavy guest in one of the setups the debug tax compares, or a
 * million export calls of a reactor ({@link ExportCalls}). It is the body of one {@link DebugTax}
 * fork: {@code GuestTimer SETUP} runs once for each line it reads and prints the seconds that run
 * took, after {@link ForkedJvm#REPLY}.
 */
final class GuestTimer {
    private static final String GUEST = "compute";
    private static final Duration LIMIT = Duration.ofMinutes(5);

    /** What runs the guest. */
    enum Setup {
        /** A plain Chicory instance, {@code _start} only. */
        PLAIN,
        /** A plain Chicory instance with an execution listener that does nothing. */
        EMPTY_LISTENER,
        /** A {@link Debuggee} resumed from its entry stop with nothing armed. */
        DEBUGGABLE,
        /** The same with breakpoints in two functions that never run. */
        IDLE_BREAKPOINTS,
        /** The same with a watchpoint on 4 bytes that no instruction touches (not part of the debug tax). */
        IDLE_WATCHPOINT,
        /**
         * A debuggee behind the server, timed from a raw client's {@code vCont;c} to its {@code W00},
         * sent once the JIT has finished compiling what the server's start-up warm-up ran.
         */
        ATTACHED,
        /** {@link ExportCalls} of {@code reactor.wat} on a plain Chicory instance (not part of the debug tax). */
        PLAIN_CALLS,
        /** The same on an instance built through an embedded debuggee's {@code instrument}. */
        INSTRUMENTED_CALLS,
        /** {@link ExportCalls} of the C plugin on a plain Chicory instance. */
        PLAIN_PLUGIN_CALLS,
        /** The same on an instrumented instance. */
        INSTRUMENTED_PLUGIN_CALLS
    }

    private final ModuleImage image;
    /** The instance the export-call setups call, built at their first run and kept. */
    private ExportCalls calls;

    private GuestTimer() throws Exception {
        this.image = ModuleImage.load(Fixtures.wasm(GUEST));
    }

    public static void main(String[] args) throws Exception {
        Setup setup = Setup.valueOf(args[0]);
        PrintStream replies = System.out;
        System.setOut(System.err); // whatever else prints must not end up among the replies
        GuestTimer timer = new GuestTimer();
        var requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (requests.readLine() != null) {
            replies.println(ForkedJvm.REPLY + timer.seconds(setup));
            replies.flush();
        }
    }

    double seconds(Setup setup) throws Exception {
        return switch (setup) {
            case PLAIN -> plainChicory(false);
            case EMPTY_LISTENER -> plainChicory(true);
            case DEBUGGABLE -> debuggee(debuggee -> { });
            case IDLE_BREAKPOINTS -> debuggee(debuggee -> {
                for (String name : List.of("never_called_a", "never_called_b")) {
                    debuggee.setBreakpoint(0, function(name).firstInstruction());
                }
            });
            case IDLE_WATCHPOINT -> debuggee(debuggee -> debuggee.setWatchpoint(0, 0xffff_fff0L, 4, WatchKind.ACCESS));
            case ATTACHED -> clientAttached();
            case PLAIN_CALLS -> exportCalls(ExportCalls.Guest.REACTOR, false);
            case INSTRUMENTED_CALLS -> exportCalls(ExportCalls.Guest.REACTOR, true);
            case PLAIN_PLUGIN_CALLS -> exportCalls(ExportCalls.Guest.PLUGIN, false);
            case INSTRUMENTED_PLUGIN_CALLS -> exportCalls(ExportCalls.Guest.PLUGIN, true);
        };
    }

    private double exportCalls(ExportCalls.Guest guest, boolean instrumented) throws Exception {
        if (calls == null) {
            calls = new ExportCalls(guest, instrumented);
        }
        return calls.seconds();
    }

    private double plainChicory(boolean emptyListener) {
        var wasi = WasiPreview1.builder().withOptions(ServedGuest.quiet()).build();
        var store = new Store();
        store.addFunction(wasi.toHostFunctions());
        var builder = Instance.builder(image.wasmModule()).withImportValues(store.toImportValues());
        if (emptyListener) {
            builder.withUnsafeExecutionListener((instruction, stack) -> { });
        }
        Instance instance = builder.build();
        long start = System.nanoTime();
        try {
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            Checks.check(e.exitCode() == 0, "plain run exited with " + e.exitCode());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Times a debuggee resumed from its entry stop after {@code arming} has set what it sets. */
    private double debuggee(Consumer<Debuggee> arming) throws Exception {
        try (Debuggee debuggee = Debuggee.builder(image).withWasiOptions(ServedGuest.quiet())
                .withStopAtEntry(true).build()) {
            debuggee.start();
            debuggee.awaitStop(LIMIT);
            arming.accept(debuggee);
            long start = System.nanoTime();
            debuggee.resume(ResumeMode.CONTINUE);
            StopEvent end = debuggee.awaitTermination(LIMIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            Checks.check(end.reason() == StopReason.EXITED && end.exitCode() == 0, "debuggee ended with " + end);
            return seconds;
        }
    }

    private double clientAttached() throws Exception {
        try (ServedGuest guest = ServedGuest.start(GUEST, ClientProfile.LLDB); BenchClient client = guest.connect()) {
            client.ask("?");
            awaitJitIdle();
            long start = System.nanoTime();
            String reply = client.ask("vCont;c:1");
            double seconds = (System.nanoTime() - start) / 1e9;
            Checks.check(reply.equals("W00"), "attached run ended with " + reply);
            return seconds;
        }
    }

    /**
     * Waits until the JIT has compiled nothing for 300 ms (10 s at most). Each server start runs
     * its warm-up, whose compilations would otherwise share this 2-core machine with the guest
     * for a while: the figure is the guest's speed with a client attached, and the server's start
     * is measured by the LLDB rows. Timed at once, the attached guest ran 1.056 times as long as
     * plain Chicory where it ran 1.001 times once settled (one run, 6 JVMs each, 2026-12-01).
     */
    private static void awaitJitIdle() throws InterruptedException {
        var jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long compiled = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofMillis(300).toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(20); // polls a condition; nothing to be woken by
            long now = jit.getTotalCompilationTime();
            if (now != compiled) {
                compiled = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private FunctionRange function(String name) {
        return image.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
