package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.control.Debuggee;
import io.github.chicorygdbstub.runtime.control.KilledException;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import io.github.chicorygdbstub.server.GdbStubServer;
import io.github.chicorygdbstub.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two application threads inside the plugin at once, under real LLDB 22: one in a call that
 * loops for minutes ({@code process(100000000)}), one stopping at a breakpoint after its short
 * loop. LLDB lists both, by name, and {@code thread select} shows the other one's call stack and
 * variables, read from its own instance.
 */
@Timeout(300)
class ThreadsLldbTest {
    private static final int LONG_CALL = 100_000_000;

    @Test
    void threadListShowsBothThreadsAndThreadSelectShowsTheOtherOnesFrames() throws Exception {
        ModuleImage image = ModuleImage.load(Fixtures.wasm("plugin"));
        Debuggee debuggee = Debuggee.embedded();
        var log = new HostFunction("env", "log", FunctionType.of(List.of(ValType.I32, ValType.I32), List.of()),
                (instance, args) -> null);
        var imports = ImportValues.builder().addFunction(log).build();
        Instance spinning = debuggee.instrument(image, Instance.builder(image.wasmModule())).withImportValues(imports).build();
        Instance stopping = debuggee.instrument(image, Instance.builder(image.wasmModule())).withImportValues(imports).build();
        int logLine = Fixtures.line("plugin.c", "plugin-log");
        // When LLDB's attach stops the long call, a second thread calls the other instance: it
        // waits to enter until LLDB continues, then runs into the breakpoint set meanwhile.
        var shortCall = new CompletableFuture<CompletableFuture<Long>>();
        debuggee.addStopListener(event -> {
            if (!shortCall.isDone()) {
                shortCall.complete(call("short-caller", stopping, 3));
            }
        });
        try (GdbStubServer server = GdbStubServer.start(debuggee, ServerOptions.loopback())) {
            CompletableFuture<Long> longCall = call("long-caller", spinning, LONG_CALL);
            ClientRun lldb = Lldb.V22.run("127.0.0.1:" + server.port(), List.of("b plugin.c:" + logLine, "c",
                    "thread list", "frame variable x", "thread select 1", "bt", "process detach"), List.of());

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).containsPattern("\\n  thread #1: tid = 0x0001, 0x40000000[0-9a-f]{8} plugin\\.wasm`\\w+.*"
                    + "name = 'long-caller \\(process\\)'");
            assertThat(out).containsPattern("\\* thread #2: tid = 0x0002, 0x40000001[0-9a-f]{8} plugin\\.wasm~2`process"
                    + "\\(x=3\\) at plugin\\.c:" + logLine + ":\\d+, name = 'short-caller \\(process\\)', stop reason = breakpoint 1\\.");
            assertThat(out).contains("(int) x = 3");
            // thread select 1: the long call's own stack, in its own instance.
            String selected = out.substring(out.indexOf("(lldb) thread select 1"));
            assertThat(selected).containsPattern("\\* thread #1, name = 'long-caller \\(process\\)'")
                    .contains("plugin.wasm`process").doesNotContain("plugin.wasm~2");
            assertThat(shortCall.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS)).isEqualTo(17L);
            assertThat(debuggee.kill(Duration.ofSeconds(10))).isTrue();
            assertThat(longCall).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(KilledException.class);
        } finally {
            debuggee.close();
        }
    }

    private static CompletableFuture<Long> call(String threadName, Instance plugin, int x) {
        var result = new CompletableFuture<Long>();
        var thread = new Thread(() -> {
            try {
                result.complete(plugin.export("process").apply(x)[0]);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
