package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.fixtures.Fixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LLDB 19 breakpoints by function, line and address, watchpoints, and its three kinds of step. */
@Timeout(300)
class LldbBreakpointsAndSteppingTest {
    @Test
    void breakpointsByAddressFunctionAndLineResolveAndAreHit() throws Exception {
        String main = Programs.hex(Programs.functionAddress("fib", Programs.MAIN));
        String baseCase = Programs.line("fib.c", "fib-base");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b -a " + main, "b fib", "b " + baseCase,
                    "c", "register read pc",
                    "c", "register read pc",
                    "breakpoint delete -f 2", "c", "register read pc",
                    "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("Breakpoint 1: where = fib.wasm`main");
            assertThat(out).containsPattern("Breakpoint 2: where = fib.wasm`fib \\+ \\d+ at fib.c:8:\\d+, address = 0x40000000000001bd");
            assertThat(out).containsPattern("Breakpoint 3: where = fib.wasm`fib \\+ \\d+ at " + baseCase + ":\\d+");
            assertThat(out).contains("stop reason = breakpoint 1.1").contains("pc = " + String.format("0x%016x",
                    Programs.functionAddress("fib", Programs.MAIN)));
            assertThat(out).contains("stop reason = breakpoint 2.1").contains("pc = 0x40000000000001bd");
            // Source and line at the stop.
            assertThat(out).contains("fib.wasm`fib(n=<unavailable>) at fib.c:8").contains("-> 8   \t    int local_n = n;");
            assertThat(out).contains("stop reason = breakpoint 3.1").contains("at " + baseCase);
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void watchpointOnAGlobalStopsRightAfterEachWriteThatChangesIt() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "watchpoint set variable g_calls", "c", "target variable g_calls",
                    "c", "watchpoint list", "watchpoint delete -f", "c");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("Watchpoint created: Watchpoint 1: addr = "
                    + String.format("0x%08x", Dwarf.globalAddress(Fixtures.wasm("fib"), "g_calls")) + " size = 4");
            assertThat(out).containsPattern("old value: 0\\s+new value: 1").containsPattern("old value: 1\\s+new value: 2");
            assertThat(out).contains("stop reason = watchpoint 1").contains("fib.wasm`fib(n=<unavailable>) at fib.c:");
            assertThat(out).contains("(int) g_calls = 1");
            assertThat(out).contains("Number of supported hardware watchpoints: 32");
            assertThat(out).contains("exited with status = 0");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void stepInstructionStepOverAndStepIntoAnIndirectCall() throws Exception {
        String call = Programs.line("fnptr.c", "fnptr-call");
        try (Stub stub = Stub.start(Stub.fixture("fnptr"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b " + call, "c", "register read pc",
                    "thread step-inst", "register read pc",
                    "thread step-in",
                    "thread step-over",
                    "breakpoint delete -f", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.1").contains("at " + call);
            long[] pcs = pcs(out);
            assertThat(pcs).hasSize(2);
            assertThat(pcs[1]).as("step-inst moves to the next instruction").isGreaterThan(pcs[0]);
            assertThat(out).contains("stop reason = instruction step into");
            // call_indirect through g_ops[0] lands in add().
            assertThat(out).contains("stop reason = step in").containsPattern("fnptr.wasm`add\\(a=.*\\) at fnptr.c:\\d+");
            assertThat(out).contains("stop reason = step over")
                    .contains("at " + Programs.line("fnptr.c", "fnptr-add"));
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("add(7,3)=10\nsub(7,3)=4\nmul(7,3)=21");
        }
    }

    @Test
    void stepOverAndStepInFollowTheSourceLines() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V19.run(stub, "b fib", "c", "breakpoint delete -f",
                    "thread step-over", "thread step-in", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = step over").contains("at fib.c:9");
            assertThat(out).contains("stop reason = step in").contains("at fib.c:10");
            assertThat(stub.awaitExit()).isZero();
        }
    }

    private static long[] pcs(String output) {
        return output.lines()
                .filter(line -> line.trim().startsWith("pc = 0x"))
                .mapToLong(line -> Long.parseUnsignedLong(line.trim().substring("pc = 0x".length()), 16))
                .toArray();
    }
}
