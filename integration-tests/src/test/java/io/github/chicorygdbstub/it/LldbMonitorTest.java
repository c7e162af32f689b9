package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitor's call stack, locals and globals through LLDB 19, whose gdb-remote plugin shows
 * only frame 0 of a Wasm program by itself.
 */
@Timeout(300)
class LldbMonitorTest {
    private static final String MONITOR = "process plugin packet monitor ";

    @Test
    void backtraceFrameAndGlobalsAtADeepRecursion() throws Exception {
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start("--source-dir", Fixtures.source("fib.c").getParent(), Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b " + baseCase, "c", "bt",
                    MONITOR + "backtrace", MONITOR + "frame 0", MONITOR + "frame 10", MONITOR + "globals",
                    "frame variable", MONITOR + "vars", MONITOR + "vars 9", MONITOR + "print g_table[2] 9",
                    MONITOR + "print &g_calls", MONITOR + "list 10",
                    "b fib", "breakpoint delete -f", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // LLDB 19 itself: one frame.
            assertThat(out).contains("stop reason = breakpoint 1.1").doesNotContain("frame #1:");
            Matcher pc = Pattern.compile("frame #0: (0x[0-9a-f]{16}) fib\\.wasm`fib\\(n=<unavailable>\\) at ("
                    + baseCase + ":\\d+)").matcher(out);
            assertThat(pc.find()).as(out).isTrue();
            // The monitor: fib(1) called from fib(2) ... fib(10), called from main, frame 0 at the
            // line and column LLDB shows.
            Matcher top = Pattern.compile("#0   " + pc.group(1) + " fib\\.wasm`fib \\+ (\\d+) at " + pc.group(2) + "\n")
                    .matcher(out);
            assertThat(top.find()).as(out).isTrue();
            // Offsets count from where LLDB's symbol for fib starts ("where = fib + N, address = A").
            Matcher symbol = Pattern.compile("where = fib\\.wasm`fib \\+ (\\d+) at .*, address = (0x[0-9a-f]{16})")
                    .matcher(out);
            assertThat(symbol.find()).as(out).isTrue();
            assertThat(Long.decode(pc.group(1)) - Long.parseLong(top.group(1)))
                    .isEqualTo(Long.decode(symbol.group(2)) - Long.parseLong(symbol.group(1)));
            assertThat(Pattern.compile("(?m)^#\\d+ +0x[0-9a-f]{16} fib\\.wasm`fib \\+ \\d+ at fib\\.c:\\d+:\\d+\n").matcher(out)
                    .results().count()).as(out).isEqualTo(10);
            assertThat(out).containsPattern("#10  0x[0-9a-f]{16} fib\\.wasm`" + Programs.MAIN + " \\+ \\d+ at "
                    + Programs.line("fib.c", "fib-main-call") + ":\\d+\n");
            // Frame 0 is fib(1): its parameter n; frame 10 is main, which has no parameters.
            assertThat(out).contains("frame #0 " + pc.group(1)).contains("param 0   i32 1 (0x00000001)");
            String frame10 = out.substring(out.indexOf("frame #10 "), out.indexOf("process plugin packet monitor globals"));
            assertThat(frame10).containsPattern("^frame #10 0x[0-9a-f]{16} fib\\.wasm`" + Programs.MAIN)
                    .contains("local 0 ").doesNotContain("param");
            assertThat(out).containsPattern("module 0 fib\\.wasm\n  global 0   mut   i32 \\d+ \\(0x[0-9a-f]{8}\\)  __stack_pointer");
            // LLDB 19 cannot evaluate the frame base; the monitor reads the variables from memory.
            assertThat(out).contains("(int) n = <Unhandled opcode DW_OP_WASM_location in DWARFExpression>");
            assertThat(out).contains("  (int) n = 1\n  (int) local_n = 1\n").contains("  (int) n = 10\n  (int) local_n = 10\n");
            int mainCall = Fixtures.line("fib.c", "fib-main-call");
            assertThat(out).as("frame 10's source, which LLDB 19 cannot reach").contains(String.format("=>%5d  %s",
                    mainCall, java.nio.file.Files.readAllLines(Fixtures.source("fib.c")).get(mainCall - 1)).stripTrailing() + "\n");
            assertThat(out).contains("(int) g_table[2] = 0\n").contains(String.format("(int *) &g_calls = 0x%08x\n",
                    Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls")));
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }
}
