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

/** The command's one-line errors and its exit codes (the full CLI runs in integration-tests). */
@Timeout(60)
class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndUsageErrors() {
        assertThat(run("--help")).isZero();
        assertThat(errors()).contains("usage: chicory-gdbstub", "--listen", "--no-wait", "--allow-remote");
        assertThat(run("--bogus", "x.wasm")).isEqualTo(2);
        assertThat(errors()).contains("unknown option --bogus");
    }

    @Test
    void missingFile() {
        assertThat(run("-g", "0", "/no/such/module.wasm")).isEqualTo(2);
        assertThat(errors()).contains("chicory-gdbstub: error: no such file: /no/such/module.wasm");
    }

    @Test
    void invalidModule(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.wasm"), "this is not wasm");
        assertThat(run("-g", "0", junk.toString())).isEqualTo(2);
        assertThat(errors()).contains("error: junk.wasm: not a WebAssembly module");
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
        assertThat(errors()).contains("listening on 127.0.0.1:", "process connect connect://127.0.0.1:",
                "target remote 127.0.0.1:");
        assertThat(run("--no-wait", "-g", "0", Fixtures.wasm("trap_wat").toString())).isEqualTo(Main.CRASH_EXIT_CODE);
    }

    @Test
    void refusesANonLoopbackAddressWithoutAllowRemote() {
        assertThat(run("-g", "0.0.0.0:0", Fixtures.wasm("loop_wat").toString())).isEqualTo(2);
        assertThat(errors()).contains("no authentication");
    }
}
