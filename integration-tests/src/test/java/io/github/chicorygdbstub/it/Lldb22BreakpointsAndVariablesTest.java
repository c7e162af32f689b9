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
 * LLDB 22 with the Wasm plugin at breakpoints: by function name, by file and line and by address,
 * the whole call stack, variables of every kind, expressions, frame selection and a watchpoint.
 * Everything is asserted on LLDB's own output.
 */
@Timeout(300)
class Lldb22BreakpointsAndVariablesTest {
    private static final Pattern FRAME =
            Pattern.compile("frame #(\\d+): 0x[0-9a-f]{16} \\w+\\.wasm`([\\w.]+)(?:\\(.*\\))?(?: \\+ \\d+)?(?: at ([\\w.-]+):(\\d+))?");

    @Test
    void breakpointsAtAFunctionsAddressByNameAndByLineAreHitAndCounted() throws Exception {
        int fibStart = Programs.function(Programs.image("fib"), "fib").bodyStart();
        String start = Programs.hex(WasmAddress.object(0, fibStart));
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b -a " + start, "b -n fib -K false", "c", "breakpoint list",
                    "breakpoint delete -f 1 2", "b fib", "b " + baseCase, "c", "breakpoint disable 3", "c",
                    "breakpoint list", "breakpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // The function's own address (its local declarations, before the first instruction):
            // LLDB counts the hit only if the stop names that address, not the instruction after it.
            assertThat(out).contains("Breakpoint 1: where = fib.wasm`fib at fib.c:7, address = " + start)
                    .contains("Breakpoint 2: where = fib.wasm`fib at fib.c:7, address = " + start)
                    .contains("stop reason = breakpoint 1.1 2.1")
                    .contains("frame #0: " + start + " fib.wasm`fib(")
                    .contains("1.1: where = fib.wasm`fib at fib.c:7, address = " + start + ", resolved, hit count = 1")
                    .doesNotContain("SIGTRAP\n    frame #0: " + start);
            assertThat(out).contains("Breakpoint 3: where = fib.wasm`fib + 37 at fib.c:8:19, address = 0x40000000000001bd")
                    .contains("stop reason = breakpoint 3.1")
                    .contains("frame #0: 0x40000000000001bd fib.wasm`fib(n=10) at fib.c:8:19");
            // fib(10) down to fib(1): the base case, ten fib frames deep.
            assertThat(out).containsPattern("Breakpoint 4: where = fib.wasm`fib \\+ \\d+ at " + baseCase + ":\\d+")
                    .contains("stop reason = breakpoint 4.1")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fib.wasm`fib\\(n=1\\) at " + baseCase)
                    .containsPattern("4.1: .*hit count = 1");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void backtraceNamesEveryFrameWithItsLineAndVariablesGlobalsAndExpressionsAreRight() throws Exception {
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b " + baseCase, "c", "bt", "frame variable",
                    "target variable g_calls g_table", "p n + 1", "expr local_n * 2 + g_calls",
                    "up", "frame info", "down", "frame info", "breakpoint delete -f", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
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

    @Test
    void frameVariableShowsScalarsStructsUnionsArraysStringsAndPointers() throws Exception {
        String stop = Programs.line("types.c", "types-stop");
        try (Stub stub = Stub.start(Stub.fixture("types"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b " + stop, "c", "frame variable",
                    "frame variable *where path->to.tag grid[1][2] text[1]", "p values[2] + point.x",
                    "expr -- bits.high", "breakpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
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

    @Test
    void aWatchpointOnAGlobalStopsAfterEachWriteWithTheOldAndNewValue() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "watchpoint set variable g_calls", "c", "c", "target variable g_calls",
                    "watchpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("Watchpoint created: Watchpoint 1: addr = "
                    + String.format("0x%08x", Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls")) + " size = 4");
            assertThat(out).containsPattern("old value: 0\\s+new value: 1").containsPattern("old value: 1\\s+new value: 2");
            assertThat(out).contains("stop reason = watchpoint 1")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fib\\.wasm`fib\\(n=9\\) at fib\\.c:");
            assertThat(out).contains("(int) g_calls = 2");
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
