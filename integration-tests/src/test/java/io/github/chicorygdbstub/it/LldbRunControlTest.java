package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/** LLDB and the guest's life: traps, exit codes, detach and re-attach, kill. */
@Timeout(300)
class LldbRunControlTest {
    @EachLldb
    void aTrapStopsOnTheTrappingInstructionWithItsMessageAndContinuingEndsTheProcess(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("trap"))) {
            // lldb --batch treats the trap as a crash: the -k commands run after it.
            ClientRun run = lldb.run(stub, List.of("c"), List.of("register read pc", "bt", "c"));

            String out = run.output();
            assertThat(out).contains("stop reason = wasm trap: Trapped on unreachable instruction");
            Matcher pc = Pattern.compile("pc = 0x([0-9a-f]{16})").matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            int offset = (int) (Long.parseUnsignedLong(pc.group(1), 16) - 0x4000000000000000L);
            ModuleImage image = Programs.image("trap");
            assertThat(image.byteAt(offset)).as("the pc is on the unreachable opcode").isEqualTo((byte) 0x00);
            assertThat(image.functionAt(offset).orElseThrow().name()).isEqualTo("level2");
            assertThat(out).containsPattern("frame #0: 0x" + pc.group(1) + " trap\\.wasm`level2\\("
                    + lldb.argument("depth", "\\d+") + "\\) at " + Programs.line("trap.c", "trap-here"));
            if (lldb.hasWasmPlugin()) {
                // The Wasm plugin unwinds to the caller; LLDB 19 shows frame 0 only.
                assertThat(out).containsPattern("frame #1: 0x[0-9a-f]{16} trap\\.wasm`level1");
            }
            assertThat(out).contains("Process 1 exited with status = 11");
            assertThat(stub.awaitExit()).isEqualTo(134);
            assertThat(stub.stdout()).isEqualTo("about to trap\n");
        }
    }

    @EachLldb
    void theExitStatusIsTheGuestsExitCode(Lldb lldb) throws Exception {
        runToExit(lldb, "exitcode", "3 (0x00000003)", 3);
        runToExit(lldb, "exit42", "42 (0x0000002a)", 42);
        assertThat(runToExit(lldb, "fib", "0 (0x00000000)", 0))
                .isEqualTo("fib(10)=55 calls=177\ntable=0 1 1 2 3 5 8 13 calls=277\n");
    }

    @EachLldb
    void detachLetsTheGuestRunASecondSessionAttachesToItAndKillEndsIt(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start("--no-wait", Stub.fixture("spin"))) {
            stub.awaitStdout("spinning");
            ClientRun first = lldb.run(stub, "register read pc", "bt", "process detach");
            assertThat(first.output()).as(first.output())
                    .contains("Process 1 stopped").containsPattern("spin\\.wasm`main at " + Programs.spinLoop())
                    .contains("Process 1 detached");
            stub.awaitStderr("debugger disconnected");
            assertThat(stub.isAlive()).isTrue();

            ClientRun second = lldb.run(stub, "register read pc", "bt", "process kill");
            assertThat(second.output()).as(second.output())
                    .contains("Process 1 stopped").containsPattern("spin\\.wasm`main at " + Programs.spinLoop())
                    .contains("Process 1 exited with status = 9");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    @EachLldb
    void detachAtABreakpointLetsTheGuestFinishWithItsOutput(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("heap"))) {
            ClientRun run = lldb.run(stub, "b " + Programs.line("heap.c", "heap-store"), "c", "c", "process detach");
            assertThat(run.output()).contains("stop reason = breakpoint 1.1").contains("Process 1 detached");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("sum=6048\n");
        }
    }

    /** Continues the fixture to its end; returns what the guest printed. */
    private static String runToExit(Lldb lldb, String fixture, String status, int exitCode) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture(fixture))) {
            ClientRun run = lldb.run(stub, "c");
            assertThat(run.output()).contains("Process 1 exited with status = " + status);
            assertThat(stub.awaitExit()).isEqualTo(exitCode);
            return stub.stdout();
        }
    }
}
