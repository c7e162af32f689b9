package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB 22 with the Wasm plugin and the guest's life: traps, exit codes, interrupting an endless
 * loop from the Python API, detach and re-attach, kill, and a program of two modules.
 */
@Timeout(300)
class Lldb22RunControlTest {
    @Test
    void aTrapStopsOnTheTrappingInstructionWithItsMessageAndCallStack() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("trap"))) {
            // lldb --batch treats the trap as a crash: the -k commands run after it.
            ClientRun lldb = Lldb.V22.run(stub, List.of("c"), List.of("bt", "c"));

            String out = lldb.output();
            assertThat(out).contains("stop reason = wasm trap: Trapped on unreachable instruction");
            Matcher pc = Pattern.compile("frame #0: 0x([0-9a-f]{16}) trap\\.wasm`level2\\(depth=\\d+\\) at "
                    + Programs.line("trap.c", "trap-here")).matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            int offset = (int) (Long.parseUnsignedLong(pc.group(1), 16) - 0x4000000000000000L);
            ModuleImage image = Programs.image("trap");
            assertThat(image.byteAt(offset)).as("the pc is on the unreachable opcode").isEqualTo((byte) 0x00);
            assertThat(out).containsPattern("frame #1: 0x[0-9a-f]{16} trap\\.wasm`level1");
            assertThat(out).contains("Process 1 exited with status = 11");
            assertThat(stub.awaitExit()).isEqualTo(134);
            assertThat(stub.stdout()).isEqualTo("about to trap\n");
        }
    }

    @Test
    void theExitStatusIsTheGuestsExitCode() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("exitcode"))) {
            ClientRun lldb = Lldb.V22.run(stub, "c");
            assertThat(lldb.output()).contains("Process 1 exited with status = 3 (0x00000003)");
            assertThat(stub.awaitExit()).isEqualTo(3);
        }
        try (Stub stub = Stub.start(Stub.fixture("exit42"))) {
            ClientRun lldb = Lldb.V22.run(stub, "c");
            assertThat(lldb.output()).contains("Process 1 exited with status = 42 (0x0000002a)");
            assertThat(stub.awaitExit()).isEqualTo(42);
        }
    }

    @Test
    void detachLetsTheGuestRunASecondSessionAttachesToItAndKillEndsIt() throws Exception {
        try (Stub stub = Stub.start("--no-wait", Stub.fixture("spin"))) {
            stub.awaitStdout("spinning");
            ClientRun first = Lldb.V22.run(stub, "bt", "process detach");
            assertThat(first.output()).as(first.output())
                    .contains("Process 1 stopped").containsPattern("spin\\.wasm`main at " + Programs.spinLoop())
                    .contains("Process 1 detached");
            stub.awaitStderr("debugger disconnected");
            assertThat(stub.isAlive()).isTrue();

            ClientRun second = Lldb.V22.run(stub, "bt", "process kill");
            assertThat(second.output()).as(second.output())
                    .contains("Process 1 stopped").containsPattern("spin\\.wasm`main at " + Programs.spinLoop())
                    .contains("Process 1 exited with status = 9");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    @Test
    void processInterruptFromTheAsyncApiStopsTheEndlessLoopEveryTime() throws Exception {
        try (Stub stub = Stub.start("--no-wait", Stub.fixture("spin"))) {
            stub.awaitStdout("spinning");
            ClientRun python = Lldb.V22.runPython("lldb_interrupt.py", Duration.ofSeconds(120),
                    Integer.toString(stub.port()), "packets.log", "3", "wasm");

            String out = python.output();
            assertThat(python.exitCode()).as(out).isZero();
            assertThat(out.lines().filter(line -> line.startsWith("stop ")).toList()).as(out).hasSize(3)
                    .allSatisfy(stop -> assertThat(stop).matches("stop [0-9.]+ signal SIGINT " + Programs.spinLoop()));
            // The Wasm plugin asked for the call stack at each stop.
            assertThat(python.packetLog()).contains("send packet: $qWasmCallStack:1#");
            assertThat(out).contains("killed");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    @Test
    void twoModulesAreListedAndAStopInTheLibraryShowsFramesOfBoth() throws Exception {
        String call = Programs.line("twomod_main.c", "twomod-call");
        try (Stub stub = Stub.start("--module", "lib=" + Stub.fixture("twomod_lib"), Stub.fixture("twomod_main"))) {
            ClientRun lldb = Lldb.V22.run(stub, "image list", "b " + call, "b lib_scale", "c", "c", "bt",
                    "frame variable x", "target variable g_lib_factor", "breakpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).containsPattern("\\[  0\\]\\s+0x4000000000000000 twomod_main\\.wasm")
                    .containsPattern("\\[  1\\]\\s+0x4000000100000000 twomod_lib\\.wasm");
            assertThat(out).contains("stop reason = breakpoint 1.1").contains("twomod_main.wasm`main at " + call);
            assertThat(out).contains("stop reason = breakpoint 2.1")
                    .containsPattern("frame #0: 0x40000001[0-9a-f]{8} twomod_lib\\.wasm`lib_scale\\(x=14\\) at "
                            + Programs.line("twomod_lib.c", "lib-scale"))
                    .containsPattern("frame #1: 0x40000000[0-9a-f]{8} twomod_main\\.wasm`main at " + call);
            assertThat(out).contains("(int) x = 14").contains("(int) g_lib_factor = 3");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("lib_scale(14)=42\nfilled=30 33 36 39\nlib calls=5\n");
        }
    }
}
