package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The access decoding on instructions and operand stacks built by hand, for the opcodes the
 * fixture programs do not contain (atomics, wide and narrow widths); watch.wat covers the rest
 * through the interpreter.
 */
class MemoryAccessesTest {
    private static final Watchpoint READ = new Watchpoint(0, 0x100, 1, WatchKind.READ);
    private static final Watchpoint WRITE = new Watchpoint(0, 0x100, 1, WatchKind.WRITE);

    /**
     * The stack holds {@code operands} (bottom first) and the memarg offset is 0x10, so an address
     * operand of 0xf0 starts the access at the watched byte 0x100; the pairs of rows probe the
     * lowest start that still touches it and the one below.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "I32_LOAD8_U,            f0,        R",
        "I64_LOAD,               e9,        R",
        "I64_LOAD,               e8,        -",
        "I64_LOAD32_S,           ed,        R",
        "I64_LOAD32_S,           ec,        -",
        "F64_STORE,              f0 0,      W",
        "I32_STORE16,            ef 0,      W",
        "I32_STORE16,            ee 0,      -",
        "I32_ATOMIC_LOAD,        f0,        R",
        "I64_ATOMIC_STORE32,     f0 0,      W",
        "I32_ATOMIC_RMW8_ADD_U,  f0 1,      RW",
        "I64_ATOMIC_RMW_XCHG,    f0 1,      RW",
        "I32_ATOMIC_RMW_CMPXCHG, f0 1 2,    RW",
        "I32_ATOMIC_RMW_CMPXCHG, 0 f0 2,    -",
        "I32_ADD,                f0 f0,     -",
    })
    void decodesWidthAddressAndDirection(OpCode opcode, String operands, String fires) {
        MStack stack = new MStack();
        stack.push(0xdead); // something below the operands
        for (String operand : operands.split(" ")) {
            stack.push(Long.parseLong(operand, 16));
        }
        var instruction = new Instruction(0, opcode, new long[] {2, 0x10});

        assertThat(MemoryAccesses.firstHit(instruction, stack, new Watchpoint[] {READ}) != null)
                .as("read watchpoint").isEqualTo(fires.contains("R"));
        assertThat(MemoryAccesses.firstHit(instruction, stack, new Watchpoint[] {WRITE}) != null)
                .as("write watchpoint").isEqualTo(fires.contains("W"));
    }

    @ParameterizedTest(name = "{0} on memory {1}")
    @CsvSource({"I32_STORE, 0, true", "I32_STORE, 1, false"})
    void accessesToAnotherMemoryOfTheInstanceAreNotTheWatchedOnes(OpCode opcode, long memory, boolean fires) {
        MStack stack = new MStack();
        stack.push(0x100);
        stack.push(7);
        var instruction = new Instruction(0, opcode, new long[] {2, 0, memory});

        assertThat(MemoryAccesses.firstHit(instruction, stack, new Watchpoint[] {WRITE}) != null).isEqualTo(fires);
    }
}
