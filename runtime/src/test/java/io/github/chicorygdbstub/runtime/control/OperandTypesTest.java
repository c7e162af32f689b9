package io.github.chicorygdbstub.runtime.control;

import static io.github.chicorygdbstub.runtime.TestModules.function;
import static io.github.chicorygdbstub.runtime.TestModules.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasi.WasiOptions;
import io.github.chicorygdbstub.runtime.inspect.FrameSnapshot;
import io.github.chicorygdbstub.runtime.inspect.ValueType;
import io.github.chicorygdbstub.runtime.inspect.WasmValue;
import io.github.chicorygdbstub.runtime.module.FunctionRange;
import io.github.chicorygdbstub.runtime.module.ModuleImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The operand stack is untyped in Chicory; the runtime recovers the types by replaying the code. */
@Timeout(120)
class OperandTypesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void typesOfASimpleCalleeAfterEachStep() throws Exception {
        try (Debuggee debuggee = Debuggee.builder(load("steps_wat")).build()) {
            debuggee.start();
            debuggee.awaitStop(WAIT);
            debuggee.setBreakpoint(0, function(debuggee.module(0), "callee").firstInstruction());
            debuggee.resume(ResumeMode.CONTINUE);
            debuggee.awaitStop(WAIT);
            for (int i = 0; i < 4; i++) { // local.get, i32.const 2, i32.mul, i32.const 1
                debuggee.resume(ResumeMode.STEP);
                debuggee.awaitStop(WAIT);
            }
            FrameSnapshot callee = debuggee.frames().get(0);
            assertThat(callee.operandTypes()).containsExactly(ValueType.I32, ValueType.I32);
            assertThat(callee.operand(0)).isEqualTo(WasmValue.of(ValueType.I32, 40));
            assertThat(callee.operand(1)).isEqualTo(WasmValue.of(ValueType.I32, 1));
            assertThat(callee.operand(0).littleEndianBytes()).containsExactly(40, 0, 0, 0);
            FrameSnapshot caller = debuggee.frames().get(1);
            assertThat(caller.operandTypes()).isEmpty(); // the call consumed the only operand
            assertThat(caller.operandStackSize()).isZero();
        }
    }

    /**
     * Stops at every instruction of clang-compiled functions (blocks, loops, branches, calls,
     * loads and stores) and checks that the recovered types match the real stack height in
     * every frame.
     */
    @Test
    void recoversTypesAtEveryInstructionOfRealCompiledCode() throws Exception {
        ModuleImage image = load("fib");
        try (Debuggee debuggee = Debuggee.builder(image)
                .withWasiOptions(WasiOptions.builder().withStdout(new ByteArrayOutputStream()).build()).build()) {
            debuggee.start();
            debuggee.awaitStop(WAIT);
            FunctionRange fib = function(image, "fib");
            int[] inFib = Arrays.stream(image.instructionOffsets())
                    .filter(offset -> offset >= fib.firstInstruction() && offset < fib.bodyEnd()).toArray();
            for (int offset : inFib) {
                debuggee.setBreakpoint(0, offset);
            }
            int stops = 0;
            int typedOperands = 0;
            while (stops < inFib.length * 3) {
                debuggee.resume(ResumeMode.CONTINUE);
                StopEvent stop = debuggee.awaitStop(WAIT);
                if (stop.isTerminal()) {
                    break;
                }
                stops++;
                for (FrameSnapshot frame : debuggee.frames()) {
                    if (!frame.host() && frame.operandStackSize() > 0) {
                        assertThat(frame.operandTypes()).as("frame %s at 0x%x", frame.functionName(), frame.pc())
                                .hasSize(frame.operandStackSize());
                        typedOperands += frame.operandStackSize();
                    }
                }
            }
            assertThat(stops).isGreaterThanOrEqualTo(inFib.length);
            assertThat(typedOperands).isPositive();
        }
    }
}
