package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plugin host of {@code examples/plugin-host} under real LLDB: four instances of the plugin,
 * built by the application with its own {@code env.log}, called from its 4-thread pool; each pool
 * thread inside Wasm is a thread in LLDB's list.
 */
@Timeout(600)
class PluginHostLldbTest {
    private static Stub startHost() throws IOException {
        Process host = new ProcessBuilder("examples/plugin-host/run.sh", "-g", "127.0.0.1:0")
                .directory(Tools.projectRoot().toFile()).start();
        return Stub.of(host, Duration.ofMinutes(10));
    }

    @Test
    void lldb22StopsInProcessOnAPoolThreadAndListsTheThreadsInsideWasm() throws Exception {
        try (Stub host = startHost()) {
            // A condition (breakpoint modify -c 'x == 10') is left out: LLDB 22 reads the locals it
            // evaluates with qWasmLocal, which names no thread, and missed the call in one run of two.
            ClientRun lldb = Lldb.V22.run(host, "image list", "b process", "c",
                    "thread list", "frame variable x", "bt", "breakpoint delete -f", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // The four instances of one module, under unique names, all loaded from the server.
            assertThat(out).contains("plugin.wasm", "plugin.wasm~2", "plugin.wasm~3", "plugin.wasm~4");
            assertThat(out).containsPattern("Breakpoint 1: 4 locations");
            assertThat(out).contains("stop reason = breakpoint 1.").containsPattern("\\(int\\) x = \\d+");
            // The stopped thread is listed with the call it is in; the other pool threads inside Wasm
            // at that moment are listed too (how many depends on where they were).
            assertThat(out).containsPattern("\\* thread #\\d+: tid = 0x[0-9a-f]+, 0x[0-9a-f]+ plugin\\.wasm(~\\d)?`process"
                    + "\\(x=\\d+\\) at plugin\\.c:\\d+:\\d+, stop reason = breakpoint 1\\.");
            assertThat(out).contains("plugin.c:");
            assertThat(out).contains("detached");
            // Detached with threads parked: they run on, and the host prints all twenty results.
            assertThat(host.awaitExit()).as(host.stderr()).isZero();
            assertThat(host.stdout()).contains("process(1) = 2", "process(20) = 2890");
        }
    }

    @Test
    void lldb19ConnectsSeesTheInstancesAndStopsAtABreakpointByName() throws Exception {
        try (Stub host = startHost()) {
            ClientRun lldb = Lldb.V19.run(host, "b process", "c", "thread list", "bt", "breakpoint delete -f",
                    "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.");
            assertThat(out).containsPattern("thread #\\d+: tid = 0x[0-9a-f]+");
            assertThat(out).containsPattern("plugin\\.wasm(~\\d)?`process\\(");
            assertThat(host.awaitExit()).as(host.stderr()).isZero();
            assertThat(host.stdout()).contains("process(20) = 2890");
        }
    }
}
