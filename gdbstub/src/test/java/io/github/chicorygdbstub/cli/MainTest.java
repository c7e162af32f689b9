package io.github.chicorygdbstub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command's messages and exit codes (the launcher and real clients run in integration-tests). */
@Timeout(60)
class MainTest {
    /** {@code (module (import "env" "log" (func)))}, assembled by hand. */
    private static final byte[] IMPORTS_ENV_LOG = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: () -> ()
        0x02, 0x0b, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'l', 'o', 'g', 0x00, 0x00, // import env.log, type 0
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndVersionGoToStdout() {
        assertThat(run("--help")).isZero();
        assertThat(output()).startsWith("Usage: chicory-gdbstub [OPTIONS] [--] MODULE.wasm").contains("--listen")
                .doesNotContain("\r");
        assertThat(errors()).isEmpty();
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(output()).matches("chicory-gdbstub \\d+\\.\\d+\\.\\d+\\S* \\(Chicory 1\\.7\\.5, Java 17\\S*\\)\\R");
    }

    @Test
    void usageErrorsSayWhatIsWrongAndWhereHelpIs() {
        assertThat(run("--lisen", "1", "x.wasm")).isEqualTo(Main.USAGE_EXIT_CODE);
        assertThat(errors()).isEqualTo("chicory-gdbstub: unknown option --lisen (did you mean --listen?)\n"
                + "Try 'chicory-gdbstub --help' for more information.\n");
        assertThat(output()).isEmpty();
    }

    @Test
    void missingFileAndDirectoryAreNamed(@TempDir Path dir) {
        assertThat(run("-g", "0", "/no/such/module.wasm")).isEqualTo(2);
        assertThat(errors()).isEqualTo("chicory-gdbstub: error: no such file: /no/such/module.wasm\n");
        err.reset();
        assertThat(run("-g", "0", dir.toString())).isEqualTo(2);
        assertThat(errors()).isEqualTo("chicory-gdbstub: error: " + dir + " is a directory, not a WebAssembly module\n");
        err.reset();
        assertThat(run("-g", "0", "--dir", "/no/such/dir", Fixtures.wasm("exit_wat").toString())).isEqualTo(2);
        assertThat(errors()).isEqualTo("chicory-gdbstub: error: --dir: no such directory: /no/such/dir\n");
        err.reset();
        assertThat(run("-g", "0", "--module", "lib=/no/lib.wasm", Fixtures.wasm("exit_wat").toString())).isEqualTo(2);
        assertThat(errors()).isEqualTo("chicory-gdbstub: error: no such file: /no/lib.wasm\n");
    }

    @Test
    void invalidModule(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.wasm"), "this is not wasm");
        assertThat(run("-g", "0", junk.toString())).isEqualTo(2);
        assertThat(errors()).contains("error: junk.wasm: not a WebAssembly module");
    }

    @Test
    void anImportNothingProvidesIsNamedBeforeTheServerListens(@TempDir Path dir) throws Exception {
        Path module = Files.write(dir.resolve("needs-log.wasm"), IMPORTS_ENV_LOG);
        assertThat(run("-g", "0", module.toString())).isEqualTo(2);
        assertThat(errors()).isEqualTo("chicory-gdbstub: error: needs-log.wasm imports function env.log, which"
                + " neither WASI, a host function nor a linked module provides\n");
    }

    @Test
    void busyPort() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("-g", "127.0.0.1:" + taken.getLocalPort(), Fixtures.wasm("loop_wat").toString())).isEqualTo(2);
        }
        assertThat(errors()).contains("error: cannot listen on 127.0.0.1:");
    }

    @Test
    void runsAGuestWithoutADebuggerAndReturnsItsExitCode() {
        assertThat(run("--no-wait", "-g", "0", Fixtures.wasm("exit_wat").toString())).isEqualTo(7);
        assertThat(errors()).containsPattern("chicory-gdbstub: listening on 127\\.0\\.0\\.1:(\\d+); exit_wat\\.wasm is"
                        + " running\n  LLDB 22\\+  lldb -o 'process connect --plugin wasm connect://127\\.0\\.0\\.1:\\1'\n"
                        + "  LLDB 19   lldb-19 -o 'process connect connect://127\\.0\\.0\\.1:\\1'\n"
                        + "  GDB       gdb -ex 'target remote 127\\.0\\.0\\.1:\\1'\n");
        assertThat(errors().lines().filter(line -> line.contains("listening"))).as("one listening line").hasSize(1);
    }

    @Test
    void anIpv6ListenAddressIsPrintedInBracketsForEveryClient() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6Loopback(), "this machine has no IPv6 loopback");
        assertThat(run("--no-wait", "-g", "[::1]:0", Fixtures.wasm("exit_wat").toString())).isEqualTo(7);
        assertThat(errors()).containsPattern("listening on \\[::1\\]:(\\d+);")
                .containsPattern("process connect --plugin wasm connect://\\[::1\\]:\\d+'")
                .containsPattern("target remote \\[::1\\]:\\d+'");
    }

    private static boolean ipv6Loopback() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void quietPrintsNothingOfItsOwn() {
        assertThat(run("--quiet", "--no-wait", "-g", "0", Fixtures.wasm("exit_wat").toString())).isEqualTo(7);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aTrapWithNoDebuggerPrintsItsMessageAndABacktraceWithFunctionsAndLines() {
        assertThat(run("--no-wait", "-q", "-g", "0", Fixtures.wasm("trap").toString())).isEqualTo(Main.CRASH_EXIT_CODE);
        int trapLine = Fixtures.line("trap.c", "trap-here");
        assertThat(errors()).startsWith("chicory-gdbstub: the guest trapped: ")
                .containsPattern("wasm backtrace:\n    0: 0x[0-9a-f]+ - trap\\.wasm!level2\n\\s+at trap\\.c:" + trapLine
                        + ":\\d+\n    1: 0x[0-9a-f]+ - trap\\.wasm!level1\n\\s+at trap\\.c:\\d+")
                .contains("trap.wasm!__original_main", "trap.wasm!_start");
    }

    @Test
    void aTrapInAModuleWithoutDwarfNamesItsFunctions() {
        assertThat(run("--no-wait", "-q", "-g", "0", Fixtures.wasm("trap_wat").toString()))
                .isEqualTo(Main.CRASH_EXIT_CODE);
        assertThat(errors()).containsPattern("0: 0x[0-9a-f]+ - trap_wat\\.wasm!inner\n    1: 0x[0-9a-f]+ -"
                + " trap_wat\\.wasm!middle\n    2: 0x[0-9a-f]+ - trap_wat\\.wasm!_start\n");
    }

    @Test
    void noDebuggerWithinTheConnectTimeoutEndsTheGuest() {
        long start = System.nanoTime();
        assertThat(run("-q", "--connect-timeout", "0.5", "-g", "0", Fixtures.wasm("loop_wat").toString()))
                .isEqualTo(Main.NO_DEBUGGER_EXIT_CODE);
        assertThat(errors()).isEqualTo("chicory-gdbstub: no debugger connected within 0.5 s; ending the guest\n");
        assertThat(System.nanoTime() - start).as("gave up after the timeout, not later").isLessThan(20_000_000_000L);
    }

    @Test
    void exitOnDetachEndsTheGuestWhenTheDebuggerGoes() throws Exception {
        var result = new java.util.concurrent.CompletableFuture<Integer>();
        int port = startListening(result, "--exit-on-detach", "-g", "0", Fixtures.wasm("loop_wat").toString());
        try (var client = new io.github.chicorygdbstub.testing.RawRspClient(port)) {
            client.write("+");
            assertThat(client.ask("?")).startsWith("T05");
        }
        assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(Main.KILLED_EXIT_CODE);
    }

    @Test
    void theIdleTimeoutDisconnectsASilentDebuggerAndTheGuestRunsOn() throws Exception {
        var result = new java.util.concurrent.CompletableFuture<Integer>();
        int port = startListening(result, "--idle-timeout", "0.5", "-g", "0", Fixtures.wasm("loop_wat").toString());
        try (var client = new io.github.chicorygdbstub.testing.RawRspClient(port)) {
            client.write("+");
            assertThat(client.ask("?")).startsWith("T05");
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the guest ran to its end").isZero();
    }

    /** Runs the command on a thread that completes {@code result}; returns the port once it listens. */
    private int startListening(java.util.concurrent.CompletableFuture<Integer> result, String... args) {
        Thread command = new Thread(() -> result.complete(run(args)), "main-under-test");
        command.start();
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)")
                .matcher("");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!port.reset(errors()).find()) {
            assertThat(System.nanoTime() < deadline && command.isAlive()).as("the server listens: " + errors()).isTrue();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // re-check; not a timing assumption
        }
        return Integer.parseInt(port.group(1));
    }

    @Test
    void refusesANonLoopbackAddressWithoutAllowRemote() {
        assertThat(run("-g", "0.0.0.0:0", Fixtures.wasm("loop_wat").toString())).isEqualTo(2);
        assertThat(errors()).contains("no authentication");
    }
}
