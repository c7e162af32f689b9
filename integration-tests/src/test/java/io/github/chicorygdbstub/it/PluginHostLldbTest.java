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

    /**
     * Each pool thread builds its instance on its first call, some perhaps after LLDB attached
     * (announced by a library stop LLDB resumes from by itself); {@code b process} with the
     * condition {@code x == 10} stops on that one call, whichever instance and thread make it, and
     * LLDB reads {@code x} from that instance's own memory.
     */
    @Test
    void lldb22StopsOnTheCallWithXEqualTenAndListsThePoolThreadsInsideWasm() throws Exception {
        try (Stub host = startHost()) {
            ClientRun lldb = Lldb.V22.run(host, "b process", "breakpoint modify -c 'x == 10' 1", "c", "thread list",
                    "frame variable x", "bt", "breakpoint list", "breakpoint delete -f", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.").contains("(int) x = 10");
            // Four instances of one module, under unique names, each loaded from the server.
            assertThat(out).containsPattern("1: name = 'process', locations = 4, resolved = 4, hit count = 1");
            // The stopped thread is listed with the call it is in; the other pool threads inside Wasm
            // at that moment are listed too (how many depends on where they were).
            assertThat(out).containsPattern("\\* thread #\\d+: tid = 0x[0-9a-f]+, 0x[0-9a-f]+ plugin\\.wasm(~\\d)?`process"
                    + "\\(x=10\\) at plugin\\.c:\\d+:\\d+, name = 'plugin-worker-\\d \\(process\\)', stop reason = breakpoint 1\\.");
            assertThat(out).contains("detached");
            // Detached with threads parked: they run on, and the host prints all twenty results.
            assertThat(host.awaitExit()).as(host.stderr()).isZero();
            assertThat(host.stdout()).contains("process(1) = 2", "process(10) = 395", "process(20) = 2890");
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
