package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB at breakpoints: by function name, by file and line and by address, and a watchpoint; with
 * LLDB 22's Wasm plugin also the whole call stack, variables of every kind, expressions and frame
 * selection. Everything is asserted on LLDB's own output.
 */
@Timeout(300)
class LldbBreakpointsAndVariablesTest {
    private static final Pattern FRAME =
            Pattern.compile("frame #(\\d+): 0x[0-9a-f]{16} \\w+\\.wasm`([\\w.]+)(?:\\(.*\\))?(?: \\+ \\d+)?(?: at ([\\w.-]+):(\\d+))?");

    @EachLldb
    void breakpointsByAddressByNameAndByLineAreHitAndCounted(Lldb lldb) throws Exception {
        long main = Programs.functionAddress("fib", Programs.MAIN);
        int fibStart = Programs.function(Programs.image("fib"), "fib").bodyStart();
        String start = Programs.hex(WasmAddress.object(0, fibStart));
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = lldb.run(stub, "b -a " + Programs.hex(main), "b -a " + start, "b -n fib -K false",
                    "c", "register read pc", "c", "breakpoint list", "breakpoint delete -f 1 2 3",
                    "b fib", "b " + baseCase, "c", "register read pc", "breakpoint disable 4", "c",
                    "breakpoint list", "breakpoint delete -f", "c");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            // main's first instruction.
            assertThat(out).contains("Breakpoint 1: where = fib.wasm`main")
                    .contains("stop reason = breakpoint 1.1").contains("pc = " + String.format("0x%016x", main));
            // The function's own address (its local declarations, before the first instruction):
            // LLDB counts the hit only if the stop names that address, not the instruction after it.
            assertThat(out).contains("Breakpoint 2: where = fib.wasm`fib at fib.c:7, address = " + start)
                    .contains("Breakpoint 3: where = fib.wasm`fib at fib.c:7, address = " + start)
                    .contains("stop reason = breakpoint 2.1 3.1")
                    .contains("frame #0: " + start + " fib.wasm`fib(")
                    .contains("2.1: where = fib.wasm`fib at fib.c:7, address = " + start + ", resolved, hit count = 1")
                    .doesNotContain("SIGTRAP\n    frame #0: " + start);
            // By name: past the prologue, with the source line at the stop.
            assertThat(out).contains("Breakpoint 4: where = fib.wasm`fib + 37 at fib.c:8:19, address = 0x40000000000001bd")
                    .contains("stop reason = breakpoint 4.1")
                    .contains("frame #0: 0x40000000000001bd fib.wasm`fib(" + lldb.argument("n", "10") + ") at fib.c:8:19")
                    .contains("-> 8   \t    int local_n = n;")
                    .contains("pc = 0x40000000000001bd");
            // fib(10) down to fib(1): the base case, ten fib frames deep.
            assertThat(out).containsPattern("Breakpoint 5: where = fib.wasm`fib \\+ \\d+ at " + baseCase + ":\\d+")
                    .contains("stop reason = breakpoint 5.1")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fib.wasm`fib\\(" + lldb.argument("n", "1") + "\\) at "
                            + baseCase)
                    .containsPattern("5.1: .*hit count = 1");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    /**
     * LLDB 22 only: LLDB 19 unwinds no further than frame 0 and cannot evaluate a local's location
     * ({@code DW_OP_WASM_location}); {@link LldbMonitorTest} shows what the server gives it instead.
     */
    @Test
    void backtraceNamesEveryFrameWithItsLineAndVariablesGlobalsAndExpressionsAreRight() throws Exception {
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = Lldb.V22.run(stub, "b " + baseCase, "c", "bt", "frame variable",
                    "target variable g_calls g_table", "p n + 1", "expr local_n * 2 + g_calls",
                    "up", "frame info", "down", "frame info", "breakpoint delete -f", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            int recursion = Fixtures.line("fib.c", "fib-rec-call");
            List<String> expected = new ArrayList<>();
            expected.add("fib fib.c:" + Fixtures.line("fib.c", "fib-base"));
            for (int i = 0; i < 9; i++) {
                expected.add("fib fib.c:" + recursion); // fib(2) ... fib(10), each inside its first call
            }
            expected.add("main fib.c:" + Fixtures.line("fib.c", "fib-main-call"));
            expected.add("_start crt1-command.c:12");
            expected.add("_start.command_export null");
            String bt = out.substring(out.indexOf("(lldb) bt"), out.indexOf("(lldb) frame variable"));
            assertThat(frames(bt)).as(bt).containsExactlyElementsOf(expected);
            // Arguments and locals of frame 0, and globals.
            assertThat(out).contains("(int) n = 1\n(int) local_n = 1\n");
            assertThat(out).contains("(int) g_calls = 10")
                    .contains("(int[8]) g_table = ([0] = 0, [1] = 0, [2] = 0, [3] = 0, [4] = 0, [5] = 0, [6] = 0, [7] = 0)");
            assertThat(out).contains("(lldb) p n + 1\n(int) 2").contains("(int) $0 = 12");
            // up and down select the caller's frame and come back.
            assertThat(out).containsPattern("\\(lldb\\) up\nframe #1: 0x[0-9a-f]{16} fib\\.wasm`fib\\(n=\\d+\\) at fib\\.c:"
                    + recursion);
            assertThat(out).containsPattern("\\(lldb\\) down\nframe #0: 0x[0-9a-f]{16} fib\\.wasm`fib\\(n=1\\) at " + baseCase);
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    /** LLDB 22 only: LLDB 19 cannot evaluate a local's location ({@code DW_OP_WASM_location}). */
    @Test
    void frameVariableShowsScalarsStructsUnionsArraysStringsAndPointers() throws Exception {
        String stop = Programs.line("types.c", "types-stop");
        try (Stub stub = Stub.start(Stub.fixture("types"))) {
            ClientRun run = Lldb.V22.run(stub, "b " + stop, "c", "frame variable",
                    "frame variable *where path->to.tag grid[1][2] text[1]", "p values[2] + point.x",
                    "expr -- bits.high", "breakpoint delete -f", "c");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("(int) negative = -42", "(unsigned char) byte = '\\xc8'", "(char) letter = 'A'",
                    "(bool) flag = true", "(float) ratio = 0.5", "(double) precise = 2.25",
                    "(long long) big = 1099511627776", "(counter_t) count = 7", "(color) color = GREEN",
                    "(point) point = (x = 3, y = -4, tag = 'p')", "(number) number = (i = 1065353216, f = 1)",
                    "(int[5]) values = ([0] = 1, [1] = 2, [2] = 3, [3] = 4, [4] = 5)", "(char[8]) word = \"hi\"",
                    "(int *) nowhere = 0x00000000", "(flags) bits = (low = 5, high = -3)",
                    "(pair_t) pair = (a = 9, b = 10)");
            assertThat(out).containsPattern("\\(const char \\*\\) text = 0x[0-9a-f]{8} \"hello\"")
                    .containsPattern("\\(char \\*const\\) fixed = 0x[0-9a-f]{8} \"hi\"")
                    .containsPattern("label = 0x[0-9a-f]{8} \"diagonal\"")
                    .contains("  from = (x = 1, y = 2, tag = 'a')\n  to = (x = 3, y = 4, tag = 'b')")
                    .contains("  [0] = ([0] = 1, [1] = 2, [2] = 3)\n  [1] = ([0] = 4, [1] = 5, [2] = 6)");
            // Through pointers, into nested members and elements.
            assertThat(out).contains("(point) *where = (x = 3, y = -4, tag = 'p')", "(char) path->to.tag = 'b'",
                    "(int) grid[1][2] = 6", "(const char) text[1] = 'e'");
            assertThat(out).contains("(lldb) p values[2] + point.x\n(int) 6").contains("(int) $0 = -3");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("types seen=20 first=1\n");
        }
    }

    @EachLldb
    void aWatchpointOnAGlobalStopsAfterEachWriteWithTheOldAndNewValue(Lldb lldb) throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = lldb.run(stub, "watchpoint set variable g_calls", "c", "target variable g_calls",
                    "c", "target variable g_calls", "watchpoint list", "watchpoint delete -f", "c");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("Watchpoint created: Watchpoint 1: addr = "
                    + String.format("0x%08x", Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls")) + " size = 4");
            assertThat(out).containsPattern("old value: 0\\s+new value: 1").containsPattern("old value: 1\\s+new value: 2");
            // fib(10) writes it first, fib(9) next.
            assertThat(out).contains("stop reason = watchpoint 1")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fib\\.wasm`fib\\(" + lldb.argument("n", "9") + "\\) at fib\\.c:");
            assertThat(out).contains("(int) g_calls = 1").contains("(int) g_calls = 2");
            assertThat(out).contains("Number of supported hardware watchpoints: 32");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    /** "function file:line" (or "function null" without a line) of every frame of a backtrace. */
    static List<String> frames(String backtrace) {
        List<String> frames = new ArrayList<>();
        Matcher frame = FRAME.matcher(backtrace);
        while (frame.find()) {
            assertThat(Integer.parseInt(frame.group(1))).as("frame numbers in order").isEqualTo(frames.size());
            frames.add(frame.group(2) + " " + (frame.group(3) == null ? null : frame.group(3) + ":" + frame.group(4)));
        }
        return frames;
    }
}
