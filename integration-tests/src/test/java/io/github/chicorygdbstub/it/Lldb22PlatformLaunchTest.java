package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLDB 22's Wasm platform starts the server itself, with the settings the banner prints:
 * {@code lldb prog.wasm}, then {@code run}. LLDB runs {@code bin/chicory-gdbstub --lldb-platform}
 * with the port-arg and a free port, connects, and shows the guest's output among its own, so the
 * server must be silent (quiet mode) and must end with the session (exit on detach).
 */
@Timeout(300)
class Lldb22PlatformLaunchTest {
    private static final Duration SERVER_END = Duration.ofSeconds(30);

    @Test
    void runStopsAtTheBreakpointShowsFramesAndVariablesPrintsOnlyTheGuestsOutputAndLeavesNoServer(
            @TempDir Path directory) throws Exception {
        Path module = WasmPlatform.uniqueCopy("fib", directory);
        ClientRun lldb = Lldb.V22.runTarget(module, WasmPlatform.settings("-g=127.0.0.1:"), "b fib", "run",
                WasmPlatform.listServersCommand(module), "bt", "frame variable", "c", "breakpoint delete -f", "c");

        String out = guestLines(lldb.output());
        assertThat(lldb.exitCode()).as(out).isZero();
        assertThat(out).as(out).contains("Process 1 launched: '" + module + "'")
                .contains("stop reason = breakpoint 1.1")
                .containsPattern("frame #0: 0x[0-9a-f]{16} fib\\.wasm`fib\\(n=10\\) at "
                        + Programs.line("fib.c", "fib-local") + ":")
                .containsPattern("frame #1: 0x[0-9a-f]{16} fib\\.wasm`main at "
                        + Programs.line("fib.c", "fib-main-call") + ":")
                .contains("(int) n = 10")
                .containsPattern("fib\\.wasm`fib\\(n=9\\) at fib\\.c:")
                .contains("fib(10)=55 calls=177\n", "table=0 1 1 2 3 5 8 13 calls=277\n")
                .contains("Process 1 exited with status = 0 (0x00000000)");
        assertQuiet(out);
        List<Long> servers = WasmPlatform.listedServers(out);
        assertThat(servers).as("the one server, seen while stopped at the breakpoint").hasSize(1);
        WasmPlatform.awaitNoServerLeft(servers, module, SERVER_END);
    }

    @Test
    void thePortArgMayBeTheShortOptionGluedToThePort(@TempDir Path directory) throws Exception {
        Path module = WasmPlatform.uniqueCopy("fib", directory);
        // LLDB appends the port to the port-arg: "-g" becomes "-g41645".
        ClientRun lldb = Lldb.V22.runTarget(module, WasmPlatform.settings("-g"), "b fib", "run",
                WasmPlatform.listServersCommand(module), "frame variable n", "breakpoint delete -f", "c");

        String out = guestLines(lldb.output());
        assertThat(lldb.exitCode()).as(out).isZero();
        assertThat(out).as(out).contains("stop reason = breakpoint 1.1").contains("(int) n = 10")
                .contains("fib(10)=55 calls=177\n").contains("Process 1 exited with status = 0 (0x00000000)");
        assertQuiet(out);
        List<Long> servers = WasmPlatform.listedServers(out);
        assertThat(servers).hasSize(1);
        WasmPlatform.awaitNoServerLeft(servers, module, SERVER_END);
    }

    @Test
    void lldbReportsTheGuestsExitStatus(@TempDir Path directory) throws Exception {
        for (var expected : List.of(new Object[] {"exitcode", 3, "exiting with 3\n"},
                new Object[] {"exit42", 42, "exiting with 42\n"})) {
            Path module = WasmPlatform.uniqueCopy((String) expected[0], directory);
            ClientRun lldb = Lldb.V22.runTarget(module, WasmPlatform.settings("-g=127.0.0.1:"), "run");

            String out = guestLines(lldb.output());
            assertThat(out).as(out).contains((String) expected[2])
                    .contains(String.format("Process 1 exited with status = %d (0x%08x)", expected[1], expected[1]));
            assertQuiet(out);
            WasmPlatform.awaitNoServerLeft(List.of(), module, SERVER_END);
        }
    }

    @Test
    void aPlatformServerThatNoDebuggerConnectsToEndsByItself() throws Exception {
        var command = new ArrayList<>(List.of(Tools.projectRoot().resolve("bin/chicory-gdbstub").toString(),
                "--lldb-platform", "--connect-timeout", "2", "-g=127.0.0.1:0", Stub.fixture("fib").toString()));
        long start = System.nanoTime();
        Process server = new ProcessBuilder(command).start();
        Processes.Transcript stdout = Processes.capture(server.getInputStream(), "server-stdout");
        Processes.Transcript stderr = Processes.capture(server.getErrorStream(), "server-stderr");

        int exitCode = Processes.awaitExit(server, Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String err = stderr.complete(Duration.ofSeconds(10));
        assertThat(exitCode).as(err).isEqualTo(3);
        assertThat(took).as("waited for the connect timeout").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(err).contains("no debugger connected within 2 s").doesNotContain("listening on");
        assertThat(stdout.complete(Duration.ofSeconds(10))).as("the guest never ran").isEmpty();
    }

    /**
     * LLDB gives the launched process a pseudo-terminal, whose line discipline turns the guest's
     * {@code \n} into {@code \r\n}.
     */
    private static String guestLines(String out) {
        return out.replace("\r\n", "\n");
    }

    /** Nothing of the server's own reaches LLDB's output: no banner, no log line, no JVM message. */
    private static void assertQuiet(String out) {
        assertThat(out).as(out).doesNotContain("chicory-gdbstub:").doesNotContain("listening on")
                .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(INFO|WARN|ERROR|DEBUG)")
                .doesNotContain("OpenJDK").doesNotContain("WARNING").doesNotContain("Picked up");
    }
}
