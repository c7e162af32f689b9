package io.github.chicorygdbstub.runtime.control;

import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Which bytes of its instance's memory an instruction is about to read or write, decoded before
 * it runs from its opcode, its immediates and the operand stack, so that watchpoints need no hook
 * in Chicory's memory code. Covers every load and store, atomic ones included, and the bulk
 * instructions that change memory ({@code memory.fill}, {@code memory.copy},
 * {@code memory.init}); SIMD accesses (which Chicory's interpreter does not run) are not seen.
 * Host functions run no instructions: {@link HostCallWrites} compares the bytes across their
 * calls instead.
 */
final class MemoryAccesses {
    /** A load, store or read-modify-write with a memarg: its width and where its address sits. */
    private record Access(int width, int addressDepth, boolean reads, boolean writes) {}

    /** By opcode ordinal; null for instructions without a memarg access. */
    private static final Access[] ACCESSES = new Access[OpCode.values().length];

    static {
        for (OpCode opcode : OpCode.values()) {
            String name = opcode.name();
            boolean load = name.contains("_LOAD") && !name.startsWith("V128");
            boolean store = name.contains("_STORE") && !name.startsWith("V128");
            boolean readModifyWrite = name.contains("_ATOMIC_RMW");
            if (load) {
                ACCESSES[opcode.ordinal()] = new Access(width(name), 0, true, false);
            } else if (store) {
                ACCESSES[opcode.ordinal()] = new Access(width(name), 1, false, true);
            } else if (readModifyWrite) {
                // [address, operand] or, for cmpxchg, [address, expected, replacement].
                ACCESSES[opcode.ordinal()] = new Access(width(name), name.contains("CMPXCHG") ? 2 : 1, true, true);
            }
        }
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
        Access access = ACCESSES[opcode.ordinal()];
        if (access != null) {
            if (!onMemoryZero(instruction, 2)) {
                return null;
            }
            long start = i32(stack, access.addressDepth()) + instruction.operand(1);
            return hit(watched, access.reads(), access.writes(), start, access.width());
        }
        switch (opcode) {
            case MEMORY_FILL: // [destination, value, count]
                return onMemoryZero(instruction, 0) ? hit(watched, false, true, i32(stack, 2), i32(stack, 0)) : null;
            case MEMORY_INIT: // [destination, segment offset, count]
                return onMemoryZero(instruction, 1) ? hit(watched, false, true, i32(stack, 2), i32(stack, 0)) : null;
            case MEMORY_COPY: // [destination, source, count]; a write watchpoint is reported before a read one
                if (!onMemoryZero(instruction, 0) || !onMemoryZero(instruction, 1)) {
                    return null;
                }
                Watchpoint written = hit(watched, false, true, i32(stack, 2), i32(stack, 0));
                return written != null ? written : hit(watched, true, false, i32(stack, 1), i32(stack, 0));
            default:
                return null;
        }
    }

    private static Watchpoint hit(Watchpoint[] watched, boolean reads, boolean writes, long start, long count) {
        for (Watchpoint watchpoint : watched) {
            boolean fires = (reads && watchpoint.kind().firesOn(false)) || (writes && watchpoint.kind().firesOn(true));
            if (fires && watchpoint.overlaps(start, count)) {
                return watchpoint;
            }
        }
        return null;
    }

    /** Bytes accessed, from the opcode's name: {@code I64_LOAD16_S} 2, {@code I32_ATOMIC_RMW8_ADD_U} 1, ... */
    private static int width(String name) {
        for (int bits : new int[] {8, 16, 32}) {
            if (name.contains("LOAD" + bits + "_") || name.contains("STORE" + bits) || name.contains("RMW" + bits + "_")) {
                return bits / 8;
            }
        }
        return name.startsWith("I64") || name.startsWith("F64") ? 8 : 4;
    }

    /** Whether the memory immediate at {@code operand} (absent in single-memory code) names memory 0. */
    private static boolean onMemoryZero(Instruction instruction, int operand) {
        return instruction.operandCount() <= operand || instruction.operand(operand) == 0;
    }

    /** An i32 operand {@code depth} values below the top of the stack, unsigned. */
    private static long i32(MStack stack, int depth) {
        return stack.array()[stack.size() - 1 - depth] & 0xffffffffL;
    }
}
