package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB's source and instruction steps: {@code next}, {@code step}, {@code si}, {@code ni}, also
 * into an indirect call, off the end of a function and in {@code -O2} code; with LLDB 22's Wasm
 * plugin also {@code finish}, to main and out of a recursive call.
 */
@Timeout(300)
class LldbSteppingTest {
    @EachLldb
    void nextStepInstructionStepsAndFinishFromAFunctionCalledByMain(Lldb lldb) throws Exception {
        List<String> commands = new ArrayList<>(List.of("b fib", "c", "breakpoint delete -f",
                "n", "s", "si", "register read pc", "ni", "register read pc"));
        if (lldb.hasWasmPlugin()) {
            // LLDB 19 cannot finish: it plants the return address breakpoint in frame 1, which it cannot unwind to.
            commands.add("finish");
        }
        commands.add("process detach");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = lldb.run(stub, commands, List.of());

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            String fib10 = "fib.wasm`fib(" + lldb.argument("n", "10") + ") at fib.c:";
            assertThat(out).contains("stop reason = step over").contains(fib10 + "9");
            // No call on line 9: step in goes to the next line.
            assertThat(out).contains("stop reason = step in").contains(fib10 + "10");
            long[] pcs = pcs(out);
            assertThat(out).contains("stop reason = instruction step into").contains("stop reason = instruction step over");
            assertThat(pcs).hasSize(2);
            assertThat(pcs[1]).as("ni moves on by one instruction").isGreaterThan(pcs[0]);
            if (lldb.hasWasmPlugin()) {
                // finish returns to main, inside the line of the call.
                assertThat(out).contains("stop reason = step out").containsPattern(
                        "frame #0: 0x[0-9a-f]{16} fib\\.wasm`main at " + Programs.line("fib.c", "fib-main-call"));
            }
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @EachLldb
    void stepInstructionStepOverAndStepIntoAnIndirectCall(Lldb lldb) throws Exception {
        String call = Programs.line("fnptr.c", "fnptr-call");
        try (Stub stub = Stub.start(Stub.fixture("fnptr"))) {
            ClientRun run = lldb.run(stub, "b " + call, "c", "register read pc",
                    "thread step-inst", "register read pc",
                    "thread step-in",
                    "thread step-over",
                    "breakpoint delete -f", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
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

    @EachLldb
    void nextOffTheLastLineOfAFunctionReturnsToTheCaller(Lldb lldb) throws Exception {
        String add = Programs.line("fnptr.c", "fnptr-add");
        String call = Programs.line("fnptr.c", "fnptr-call");
        try (Stub stub = Stub.start(Stub.fixture("fnptr"))) {
            ClientRun run = lldb.run(stub, "b " + add, "c", "breakpoint delete -f", "n", "bt", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.1").containsPattern("fnptr.wasm`add\\("
                    + lldb.argument("a", "7") + ", " + lldb.argument("b", "3") + "\\) at " + add);
            assertThat(out).contains("stop reason = step over")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fnptr\\.wasm`main at " + call);
            assertThat(out).doesNotContain("frame #0: 0x[0-9a-f]{16} fnptr.wasm`add").doesNotContain("exited");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("add(7,3)=10\nsub(7,3)=4\nmul(7,3)=21\n");
        }
    }

    /** LLDB 22 only: {@code finish} needs frame 1, which LLDB 19 cannot unwind to. */
    @Test
    void inRecursionNextReachesTheClosingLineAndFinishReturnsOneFrameUp() throws Exception {
        String baseCase = Programs.line("fib.c", "fib-base");
        int recursion = Fixtures.line("fib.c", "fib-rec-call");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun run = Lldb.V22.run(stub, "b " + baseCase, "c", "breakpoint delete -f",
                    "n", "finish", "bt", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            // From the base case's return to the function's closing brace, in the same frame.
            assertThat(out).contains("stop reason = step over").contains("fib.wasm`fib(n=1) at fib.c:" + (recursion + 1));
            // fib(1) returns into fib(2), in the line of the recursive calls: ten frames down to nine.
            assertThat(out).contains("stop reason = step out");
            String bt = out.substring(out.indexOf("(lldb) bt"));
            assertThat(LldbBreakpointsAndVariablesTest.frames(bt)).startsWith("fib fib.c:" + recursion)
                    .filteredOn(frame -> frame.startsWith("fib ")).hasSize(9);
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    /**
     * At {@code -O2}, {@code step}'s last line has no {@code return}: LLDB's step over asks for a
     * breakpoint one byte past the function's body. The server plants it on the final {@code end};
     * when it answered {@code E03} the step ran the guest to its exit.
     */
    @EachLldb
    void nextOnTheLastLineOfAnOptimizedFunctionWithoutAReturnStopsInsteadOfRunningToTheExit(Lldb lldb) throws Exception {
        FunctionRange step = Programs.function(Programs.image("optimized"), "step");
        String pastTheEnd = Long.toHexString(WasmAddress.object(0, step.bodyEnd()));
        try (Stub stub = Stub.start(Stub.fixture("optimized"))) {
            ClientRun run = lldb.run(stub, "b step", "c", "breakpoint delete -f", "n", "bt", "process detach");

            String out = run.output();
            assertThat(run.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.1").containsPattern("optimized.wasm`step\\("
                    + lldb.argument("v", "0") + "\\) at " + Programs.line("optimized.c", "optimized-step"));
            assertThat(run.packetLog()).containsPattern("send packet: \\$Z0," + pastTheEnd + ",\\d#\\w\\w\n.*read packet: \\$OK");
            assertThat(out).contains("stop reason = step over").doesNotContain("exited");
            if (lldb.hasWasmPlugin()) {
                // LLDB 22 steps on out of the function, into the caller.
                assertThat(out).containsPattern(
                        "frame #0: 0x[0-9a-f]{16} optimized\\.wasm`walk\\(n=5\\) at optimized\\.c:1[56]");
            } else {
                // LLDB 19 cannot unwind to the caller: its step ends on that breakpoint, where no line is.
                assertThat(out).contains("frame #0: 0x" + pastTheEnd + " optimized.wasm\n");
            }
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("walk=148\n");
        }
    }

    /** The values of the {@code register read pc} commands, in order. */
    private static long[] pcs(String output) {
        return output.lines()
                .filter(line -> line.trim().startsWith("pc = 0x"))
                .mapToLong(line -> Long.parseUnsignedLong(line.trim().substring("pc = 0x".length()), 16))
                .toArray();
    }
}
