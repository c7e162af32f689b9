package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LLDB 19 and the guest's life: traps, exits, detach and re-attach, kill. */
@Timeout(300)
class LldbRunControlTest {
    @Test
    void aTrapStopsAtTheTrappingInstructionWithItsMessageAndContinuingEndsTheProcess() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("trap"))) {
            // lldb --batch treats the trap as a crash: the -k commands run after it.
            ClientRun lldb = Lldb.V19.run(stub, List.of("c"), List.of("register read pc", "c"));

            String out = lldb.output();
            assertThat(out).contains("stop reason = wasm trap: Trapped on unreachable instruction");
            assertThat(out).contains("at " + Programs.line("trap.c", "trap-here"));
            Matcher pc = Pattern.compile("pc = 0x([0-9a-f]{16})").matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            long offset = Long.parseUnsignedLong(pc.group(1), 16) - 0x4000000000000000L;
            ModuleImage image = Programs.image("trap");
            assertThat(image.byteAt((int) offset)).as("the pc is on the unreachable opcode").isEqualTo((byte) 0x00);
            assertThat(image.functionAt((int) offset).orElseThrow().name()).isEqualTo("level2");
            assertThat(out).contains("Process 1 exited with status = 11");
            assertThat(stub.awaitExit()).isEqualTo(134);
            assertThat(stub.stdout()).isEqualTo("about to trap\n");
        }
    }

    @Test
    void runningToExitShowsTheGuestsExitStatus() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("exitcode"))) {
            ClientRun lldb = Lldb.V19.run(stub, "c");
            assertThat(lldb.output()).contains("Process 1 exited with status = 3 (0x00000003)");
            assertThat(stub.awaitExit()).isEqualTo(3);
        }
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "c");
            assertThat(lldb.output()).contains("Process 1 exited with status = 0 (0x00000000)");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("fib(10)=55 calls=177\ntable=0 1 1 2 3 5 8 13 calls=277\n");
        }
    }

    @Test
    void detachLetsTheGuestRunAndASecondDebuggerAttachesToItThenKillEndsIt() throws Exception {
        try (Stub stub = Stub.start("--no-wait", Stub.fixture("spin"))) {
            stub.awaitStdout("spinning");
            ClientRun first = Lldb.V19.run(stub, "register read pc", "process detach");
            assertThat(first.output()).as(first.output())
                    .contains("Process 1 stopped").containsPattern("at " + Programs.spinLoop())
                    .contains("Process 1 detached");
            stub.awaitStderr("debugger disconnected");
            assertThat(stub.isAlive()).isTrue();

            ClientRun second = Lldb.V19.run(stub, "register read pc", "process kill");
            assertThat(second.output()).as(second.output())
                    .contains("Process 1 stopped").containsPattern("at " + Programs.spinLoop())
                    .contains("Process 1 exited with status = 9");
            assertThat(stub.awaitExit()).isEqualTo(137);
        }
    }

    @Test
    void detachAtABreakpointLetsTheGuestFinishWithItsOutput() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("heap"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b " + Programs.line("heap.c", "heap-store"), "c", "c", "process detach");
            assertThat(lldb.output()).contains("stop reason = breakpoint 1.1").contains("Process 1 detached");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("sum=6048\n");
        }
    }
}
