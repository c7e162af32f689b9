package dev.chicory.gdbstub.runtime.control;

import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Which bytes of its instance's memory an instruction is about to read or write, decoded before
 * it runs from its opcode, its immediates and the operand stack, so that watchpoints need no hook
 * in Chicory's memory code. Covers every load and store and the bulk instructions that change
 * memory ({@code memory.fill}, {@code memory.copy}, {@code memory.init}); SIMD and atomic
 * accesses (which Chicory's interpreter does not run) and writes by host functions (such as WASI
 * filling a read buffer) are not seen.
 */
final class MemoryAccesses {
    /** Bytes read by each load and written by each store, by opcode ordinal; 0 for everything else. */
    private static final int[] LOAD_WIDTH = new int[OpCode.values().length];
    private static final int[] STORE_WIDTH = new int[OpCode.values().length];

    static {
        widths(LOAD_WIDTH, 1, OpCode.I32_LOAD8_S, OpCode.I32_LOAD8_U, OpCode.I64_LOAD8_S, OpCode.I64_LOAD8_U);
        widths(LOAD_WIDTH, 2, OpCode.I32_LOAD16_S, OpCode.I32_LOAD16_U, OpCode.I64_LOAD16_S, OpCode.I64_LOAD16_U);
        widths(LOAD_WIDTH, 4, OpCode.I32_LOAD, OpCode.F32_LOAD, OpCode.I64_LOAD32_S, OpCode.I64_LOAD32_U);
        widths(LOAD_WIDTH, 8, OpCode.I64_LOAD, OpCode.F64_LOAD);
        widths(STORE_WIDTH, 1, OpCode.I32_STORE8, OpCode.I64_STORE8);
        widths(STORE_WIDTH, 2, OpCode.I32_STORE16, OpCode.I64_STORE16);
        widths(STORE_WIDTH, 4, OpCode.I32_STORE, OpCode.F32_STORE, OpCode.I64_STORE32);
        widths(STORE_WIDTH, 8, OpCode.I64_STORE, OpCode.F64_STORE);
    }

    private MemoryAccesses() {}

    /**
     * The first of {@code watched} (watchpoints on the instance's memory 0) that the access of
     * {@code instruction} triggers, or null.
     */
    static Watchpoint firstHit(Instruction instruction, MStack stack, Watchpoint[] watched) {
        if (watched.length == 0) {
            return null;
        }
        OpCode opcode = instruction.opcode();
        int ordinal = opcode.ordinal();
        if (LOAD_WIDTH[ordinal] > 0) {
            return onMemoryZero(instruction, 2)
                    ? hit(watched, false, effectiveAddress(instruction, stack, 0), LOAD_WIDTH[ordinal]) : null;
        }
        if (STORE_WIDTH[ordinal] > 0) {
            return onMemoryZero(instruction, 2)
                    ? hit(watched, true, effectiveAddress(instruction, stack, 1), STORE_WIDTH[ordinal]) : null;
        }
        switch (opcode) {
            case MEMORY_FILL: // [destination, value, count]
                return onMemoryZero(instruction, 0) ? hit(watched, true, i32(stack, 2), i32(stack, 0)) : null;
            case MEMORY_INIT: // [destination, segment offset, count]
                return onMemoryZero(instruction, 1) ? hit(watched, true, i32(stack, 2), i32(stack, 0)) : null;
            case MEMORY_COPY: // [destination, source, count]
                if (!onMemoryZero(instruction, 0) || !onMemoryZero(instruction, 1)) {
                    return null;
                }
                Watchpoint written = hit(watched, true, i32(stack, 2), i32(stack, 0));
                return written != null ? written : hit(watched, false, i32(stack, 1), i32(stack, 0));
            default:
                return null;
        }
    }

    private static Watchpoint hit(Watchpoint[] watched, boolean write, long start, long count) {
        for (Watchpoint watchpoint : watched) {
            if (watchpoint.kind().firesOn(write) && watchpoint.overlaps(start, count)) {
                return watchpoint;
            }
        }
        return null;
    }

    /** Whether the memory immediate at {@code operand} (absent in single-memory code) names memory 0. */
    private static boolean onMemoryZero(Instruction instruction, int operand) {
        return instruction.operandCount() <= operand || instruction.operand(operand) == 0;
    }

    /** The base address {@code depth} values below the top of the stack plus the memarg's offset. */
    private static long effectiveAddress(Instruction instruction, MStack stack, int depth) {
        return i32(stack, depth) + instruction.operand(1);
    }

    /** An i32 operand {@code depth} values below the top of the stack, unsigned. */
    private static long i32(MStack stack, int depth) {
        return stack.array()[stack.size() - 1 - depth] & 0xffffffffL;
    }

    private static void widths(int[] table, int width, OpCode... opcodes) {
        for (OpCode opcode : opcodes) {
            table[opcode.ordinal()] = width;
        }
    }
}
