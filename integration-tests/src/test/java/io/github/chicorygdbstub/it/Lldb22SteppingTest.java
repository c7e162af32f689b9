package io.github.chicorygdbstub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chicorygdbstub.address.WasmAddress;
import io.github.chicorygdbstub.fixtures.Fixtures;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LLDB 22's source and instruction steps with the Wasm plugin: {@code next}, {@code step},
 * {@code finish}, {@code si}, {@code ni}, also off the end of a function, out of a recursive
 * call and in {@code -O2} code.
 */
@Timeout(300)
class Lldb22SteppingTest {
    @Test
    void nextStepInstructionStepsAndFinishFromAFunctionCalledByMain() throws Exception {
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b fib", "c", "breakpoint delete -f",
                    "n", "s", "si", "register read pc", "ni", "register read pc", "finish", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = step over").contains("fib.wasm`fib(n=10) at fib.c:9");
            // No call on line 9: step in goes to the next line.
            assertThat(out).contains("stop reason = step in").contains("fib.wasm`fib(n=10) at fib.c:10");
            long[] pcs = pcs(out);
            assertThat(out).contains("stop reason = instruction step into").contains("stop reason = instruction step over");
            assertThat(pcs).hasSize(2);
            assertThat(pcs[1]).as("ni moves on by one instruction").isGreaterThan(pcs[0]);
            // finish returns to main, inside the line of the call.
            assertThat(out).contains("stop reason = step out")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fib\\.wasm`main at " + Programs.line("fib.c", "fib-main-call"));
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).contains("fib(10)=55 calls=177");
        }
    }

    @Test
    void nextOffTheLastLineOfAFunctionReturnsToTheCaller() throws Exception {
        String add = Programs.line("fnptr.c", "fnptr-add");
        String call = Programs.line("fnptr.c", "fnptr-call");
        try (Stub stub = Stub.start(Stub.fixture("fnptr"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b " + add, "c", "breakpoint delete -f", "n", "bt", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.1").containsPattern("fnptr.wasm`add\\(a=7, b=3\\) at " + add);
            assertThat(out).contains("stop reason = step over")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} fnptr\\.wasm`main at " + call);
            assertThat(out).doesNotContain("frame #0: 0x[0-9a-f]{16} fnptr.wasm`add").doesNotContain("exited");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("add(7,3)=10\nsub(7,3)=4\nmul(7,3)=21\n");
        }
    }

    @Test
    void inRecursionNextReachesTheClosingLineAndFinishReturnsOneFrameUp() throws Exception {
        String baseCase = Programs.line("fib.c", "fib-base");
        int recursion = Fixtures.line("fib.c", "fib-rec-call");
        try (Stub stub = Stub.start(Stub.fixture("fib"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b " + baseCase, "c", "breakpoint delete -f",
                    "n", "finish", "bt", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            // From the base case's return to the function's closing brace, in the same frame.
            assertThat(out).contains("stop reason = step over").contains("fib.wasm`fib(n=1) at fib.c:" + (recursion + 1));
            // fib(1) returns into fib(2), in the line of the recursive calls: ten frames down to nine.
            assertThat(out).contains("stop reason = step out");
            String bt = out.substring(out.indexOf("(lldb) bt"));
            assertThat(Lldb22BreakpointsAndVariablesTest.frames(bt)).startsWith("fib fib.c:" + recursion)
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
    @Test
    void nextOnTheLastLineOfAnOptimizedFunctionWithoutAReturnStopsInTheCaller() throws Exception {
        FunctionRange step = Programs.function(Programs.image("optimized"), "step");
        String pastTheEnd = Long.toHexString(WasmAddress.object(0, step.bodyEnd()));
        try (Stub stub = Stub.start(Stub.fixture("optimized"))) {
            ClientRun lldb = Lldb.V22.run(stub, "b step", "c", "breakpoint delete -f", "n", "bt", "process detach");

            String out = lldb.output();
            assertThat(lldb.exitCode()).as(out).isZero();
            assertThat(out).contains("stop reason = breakpoint 1.1")
                    .containsPattern("optimized.wasm`step\\(v=0\\) at " + Programs.line("optimized.c", "optimized-step"));
            assertThat(lldb.packetLog()).containsPattern("send packet: \\$Z0," + pastTheEnd + ",\\d#\\w\\w\n.*read packet: \\$OK");
            assertThat(out).contains("stop reason = step over")
                    .containsPattern("frame #0: 0x[0-9a-f]{16} optimized\\.wasm`walk\\(n=5\\) at optimized\\.c:1[56]")
                    .doesNotContain("exited");
            assertThat(stub.awaitExit()).isZero();
            assertThat(stub.stdout()).isEqualTo("walk=148\n");
        }
    }

    private static long[] pcs(String output) {
        Matcher pc = Pattern.compile("pc = 0x([0-9a-f]{16})").matcher(output);
        var list = new java.util.ArrayList<Long>();
        while (pc.find()) {
            list.add(Long.parseUnsignedLong(pc.group(1), 16));
        }
        return list.stream().mapToLong(Long::longValue).toArray();
    }
}
